from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from ayni.accounts import services
from ayni.accounts.models import ApiToken

router = Router(tags=["account"])


class MeOut(Schema):
    id: int
    email: str
    display_name: str
    pronouns: str
    language: str
    timezone: str
    email_verified: bool


class MeIn(Schema):
    display_name: str
    pronouns: str = ""
    language: str
    timezone: str


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    scope: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenIn(Schema):
    name: str
    scope: str = "read"


class NewTokenOut(Schema):
    token: TokenOut
    secret: str


def _me(user) -> dict:
    return {"id": user.pk, "email": user.email, "display_name": user.display_name, "pronouns": user.pronouns,
            "language": user.language, "timezone": user.timezone, "email_verified": user.email_verified}


@router.get("/me", response=MeOut, summary="My account")
def me(request):
    return _me(request.user)


@router.put("/me", response=MeOut, summary="Update my account")
def update_me(request, payload: MeIn):
    user = services.user_update_account(actor=request.user, user=request.user, display_name=payload.display_name,
                                        pronouns=payload.pronouns, language=payload.language,
                                        timezone_name=payload.timezone)
    return _me(user)


@router.get("/me/tokens", response=list[TokenOut], summary="My API tokens")
def list_tokens(request):
    return list(request.user.api_tokens.all())


@router.post("/me/tokens", response={201: NewTokenOut}, summary="Create an API token (the secret is shown once)")
def create_token(request, payload: TokenIn):
    token, secret = services.api_token_create(actor=request.user, name=payload.name, scope=payload.scope)
    return Status(201, {"token": token, "secret": secret})


@router.delete("/me/tokens/{token_id}", response={204: None}, summary="Revoke an API token")
def revoke_token(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    services.api_token_revoke(actor=request.user, token=token)
    return Status(204, None)
