from django.conf import settings


def ayni(request):
    return {
        "AYNI_LANGUAGES": settings.LANGUAGES,
        "AYNI_DEBUG": settings.DEBUG,
        "AYNI_CAN_CREATE_COMMUNITY": settings.AYNI["ALLOW_COMMUNITY_CREATION"],
    }
