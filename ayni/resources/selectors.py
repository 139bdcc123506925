from ayni.resources.models import Resource


def library(community, *, topic_key: str = "", include_archived: bool = False):
    queryset = Resource.objects.filter(community=community).select_related("topic")
    if not include_archived:
        queryset = queryset.filter(is_archived=False)
    if topic_key:
        queryset = queryset.filter(topic__key=topic_key)
    return queryset.order_by("topic__position", "title_es", "title_en", "id")
