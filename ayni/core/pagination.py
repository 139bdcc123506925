from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator


def paginate(request, queryset, *, per_page: int | None = None):
    """A page of `queryset` from ?page=N; bad or out-of-range numbers give the nearest page."""
    paginator = Paginator(queryset, per_page or settings.AYNI["PAGE_SIZE"])
    try:
        return paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
