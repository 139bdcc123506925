from django.contrib.auth.backends import ModelBackend

from ayni.accounts.models import User, normalize_email


class EmailBackend(ModelBackend):
    """Sign in with an e-mail address, whatever its letter case."""

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        email = normalize_email(email or username or kwargs.get(User.USERNAME_FIELD) or "")
        if not email or password is None:
            return None
        try:
            user = User.objects.get(email=email)
        except User.DoesNotExist:
            User().set_password(password)  # same work either way: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
