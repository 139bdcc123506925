from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ayni.core.pagination import paginate
from ayni.core.submissions import AlreadySubmitted, submit_once
from ayni.messaging import access, selectors, services

SCREENING_TEMPLATE = "safety/partials/crisis_resources.html"


def screening_template() -> str:
    try:
        get_template(SCREENING_TEMPLATE)
    except TemplateDoesNotExist:
        return ""
    return SCREENING_TEMPLATE


def _int(value, default=0) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return default


@login_required
def inbox(request):
    page = paginate(request, selectors.seats_of(request.user))
    for seat in page.object_list:
        seat.title = selectors.conversation_title(seat.conversation, request.user)
    return render(request, "messaging/inbox.html", {"page_obj": page})


def _message_context(conversation_access, request, messages_list):
    return {"access": conversation_access, "conversation": conversation_access.conversation,
            "chat_messages": messages_list, "viewer": request.user}


@login_required
def conversation_detail(request, conversation_id: int):
    conversation_access = access.access_conversation(request.user, conversation_id)
    return _render_conversation(request, conversation_access)


def _render_conversation(request, conversation_access, *, screening=None):
    conversation = conversation_access.conversation
    before = request.GET.get("before")
    chat_messages = selectors.messages_after(conversation, before=_int(before) if before else None)
    last_id = chat_messages[-1].pk if chat_messages else 0
    if before:
        # Older history: the cursor for new messages is the newest message of the conversation.
        newest = conversation.messages.order_by("-id").values_list("id", flat=True).first()
        last_id = newest or 0
    if conversation_access.seat is not None and last_id:
        services.conversation_mark_read(actor=request.user, conversation=conversation, through_id=last_id)
    context = _message_context(conversation_access, request, chat_messages)
    context.update(
        title=selectors.conversation_title(conversation, request.user), after=last_id,
        older=chat_messages[0].pk if chat_messages and conversation.messages.filter(id__lt=chat_messages[0].pk).exists() else None,
        participants=[p for p in conversation.participants.select_related("user") if p.left_at is None],
        poll_seconds=3, screening=screening,
        screening_template=screening_template() if screening else "",
    )
    return render(request, "messaging/conversation.html", context)


@login_required
def conversation_poll(request, conversation_id: int):
    """The htmx poll: messages after the cursor, appended out of band, and the next poller."""
    conversation_access = access.access_conversation(request.user, conversation_id)
    conversation = conversation_access.conversation
    after = _int(request.GET.get("after"))
    chat_messages = selectors.messages_after(conversation, after=after)
    if chat_messages:
        after = chat_messages[-1].pk
        if conversation_access.seat is not None:
            services.conversation_mark_read(actor=request.user, conversation=conversation, through_id=after)
    context = _message_context(conversation_access, request, chat_messages)
    context.update(after=after, poll_seconds=3)
    return render(request, "messaging/partials/poll.html", context)


@login_required
@require_POST
def message_send(request, conversation_id: int):
    conversation_access = access.access_conversation(request.user, conversation_id)
    conversation = conversation_access.conversation
    body = request.POST.get("body", "")
    resource = None
    if request.POST.get("resource"):
        from ayni.resources.models import Resource

        resource = Resource.objects.filter(pk=_int(request.POST.get("resource")), community=conversation.community,
                                           is_archived=False).first()
    error, screening, status = "", None, 200
    try:
        access.require_seat(conversation_access)
        sent = submit_once(request, lambda: services.message_send(actor=request.user, conversation=conversation,
                                                                  body=body, resource=resource))
        screening = sent.screening
    except AlreadySubmitted:
        pass  # the same message sent twice (a double click, a retry): it is in the conversation once
    except services.RateLimited as refusal:
        error, status = " ".join(refusal.messages), 429
    except ValidationError as refusal:
        error, status = " ".join(refusal.messages), 400
    except PermissionDenied as refusal:
        error, status = str(refusal), 403
    if request.htmx:
        response = render(request, "messaging/partials/compose.html", {
            "conversation": conversation, "access": conversation_access, "error": error,
            "body": body if error else "", "screening": screening,
            "screening_template": screening_template() if screening else "",
        }, status=200 if status in (200, 400, 429) else status)
        response["HX-Trigger"] = "messaging-poll"
        return response
    if error:
        flash.error(request, error)
    elif screening:
        # Shown at once, on this response: the writer may need it now.
        return _render_conversation(request, conversation_access, screening=screening)
    return redirect("messaging:conversation", conversation_id=conversation.pk)


@login_required
def message_report(request, conversation_id: int, message_id: int):
    conversation_access = access.access_conversation(request.user, conversation_id)
    message = access.access_message(request.user, conversation_access, message_id)
    access.require_seat(conversation_access)
    error = ""
    if request.method == "POST":
        try:
            services.message_report(actor=request.user, message=message, reason=request.POST.get("reason", ""),
                                    details=request.POST.get("details", ""))
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            flash.success(request, _("Thank you. The coordinators will look at this message."))
            return redirect("messaging:conversation", conversation_id=conversation_access.conversation.pk)
    return render(request, "messaging/report.html", {
        "conversation": conversation_access.conversation, "message": message, "error": error,
        "reasons": services.report_reasons(), "reason": request.POST.get("reason", ""),
        "details": request.POST.get("details", ""),
    }, status=400 if error else 200)


@login_required
@require_POST
def message_hide(request, conversation_id: int, message_id: int):
    conversation_access = access.access_conversation(request.user, conversation_id)
    message = access.access_message(request.user, conversation_access, message_id)
    services.message_set_hidden(actor=request.user, message=message, hidden=request.POST.get("hidden") != "0")
    flash.success(request, _("The message was hidden.") if message.hidden_by_moderation else _("The message is visible again."))
    return redirect("messaging:conversation", conversation_id=conversation_access.conversation.pk)


@login_required
def share_resource(request, conversation_id: int):
    """Pick a resource from the community's library to share into the conversation."""
    from ayni.resources import selectors as resource_selectors

    conversation_access = access.access_conversation(request.user, conversation_id)
    access.require_seat(conversation_access)
    conversation = conversation_access.conversation
    library = resource_selectors.library(conversation.community, topic_key=request.GET.get("topic", ""))
    return render(request, "messaging/share.html", {
        "conversation": conversation, "page_obj": paginate(request, library),
        "title": selectors.conversation_title(conversation, request.user),
    })
