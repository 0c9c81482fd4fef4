from urllib.parse import urlsplit

from flask import (
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from voice.accounts import bp, single_sign_on
from voice.accounts.access import public, role_required
from voice.accounts.forms import (
    EVENT_LABELS,
    ROLE_LABELS,
    ChangePasswordForm,
    EditUserForm,
    NewUserForm,
    SecondFactorCodeForm,
    SetUpSecondFactorForm,
    SignInForm,
)
from voice.accounts.models import Role, SignInEventKind, User
from voice.accounts.second_factor import (
    PROVIDER_MULTI_FACTOR_KEY,
    check_code,
    confirm_set_up,
    list_events,
    log_event,
    new_secret,
    provisioning_uri,
    qr_code_svg,
    reset_second_factor,
    use_recovery_code,
)
from voice.accounts.services import (
    AccountError,
    authenticate,
    count_active_admins,
    create_user,
    find_user_by_email,
    list_users,
    set_password,
    set_roles,
)
from voice.accounts.sessions import (
    end_all_sessions,
    end_session_in_browser,
    now,
    session_is_current,
    start_session,
)
from voice.db import db
from voice.extensions import limiter, login_manager
from voice.forms import ConfirmForm, add_error, required
from voice.i18n import _, _l

# [user id, version, time, next, ID token or None] between the password (or the identity
# provider) and the code
PENDING_KEY = "_voice_pending"
SETUP_SECRET_KEY = "_voice_totp_setup"  # noqa: S105 - a session key name
PENDING_SECONDS = 300


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    user = db.session.get(User, int(user_id))
    if user is None or not session_is_current(user):
        # The cookie was copied, outlived its limits, or the account changed: forget it (only
        # the sign-in, so a respondent's answers in the same browser are kept).
        end_session_in_browser()
        g.refused_session_user_id = user.id if user else None
        return None
    return user


def _safe_next(target: str | None) -> str:
    """Only same-site paths, so the sign-in page cannot bounce people to another site."""
    # Browsers read "/\\host" as "//host", so a backslash anywhere is refused too.
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("accounts.staff_home")


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
@public
def sign_in() -> Response | str | tuple[str, int]:
    if current_user.is_authenticated:
        return redirect(_safe_next(request.args.get("next")))
    if not single_sign_on.local_passwords_allowed():
        # Passwords are switched off: the page offers the identity provider alone, and a
        # password sent anyway is not even looked at.
        if request.method == "POST":
            log_event(None, SignInEventKind.PASSWORD_REFUSED)
            db.session.commit()
            return render_template("accounts/sign_in.html", form=None, passwords_off=True), 403
        return render_template("accounts/sign_in.html", form=None)
    form = SignInForm()
    if form.validate_on_submit():
        user = authenticate(required(form.email.data), required(form.password.data))
        target = _safe_next(request.args.get("next"))
        if user is not None and user.has_second_factor:
            session.clear()
            session[PENDING_KEY] = [
                user.id,
                user.session_version,
                now().timestamp(),
                target,
                None,
            ]
            db.session.commit()
            return redirect(url_for("accounts.enter_code"))
        if user is not None:
            _finish_sign_in(user)
            return redirect(target)
        log_event(find_user_by_email(required(form.email.data)), SignInEventKind.PASSWORD_REFUSED)
        db.session.commit()
        add_error(form.email, _("Enter a correct email address and password"))
    return render_template("accounts/sign_in.html", form=form)


def _finish_sign_in(
    user: User, *, id_token: str | None = None, provider_multi_factor: bool = False
) -> None:
    """`id_token`: signed in through the identity provider (kept to sign out there too)."""
    session.clear()  # nothing from before sign-in, the CSRF token included, carries over
    login_user(user)
    start_session(user)
    if id_token is not None:
        session[single_sign_on.ID_TOKEN_KEY] = id_token
        session[PROVIDER_MULTI_FACTOR_KEY] = provider_multi_factor
    kind = SignInEventKind.SIGNED_IN_WITH_PROVIDER if id_token else SignInEventKind.SIGNED_IN
    log_event(user, kind)
    db.session.commit()


def _pending_user() -> tuple[User, str, str | None] | None:
    pending = session.get(PENDING_KEY)
    if not isinstance(pending, list) or len(pending) != 5:
        return None
    user_id, version, started, target, id_token = pending
    user = db.session.get(User, user_id)
    fresh = now().timestamp() - started <= PENDING_SECONDS
    if user is None or not user.active or user.session_version != version or not fresh:
        return None
    return user, target, id_token


@bp.route("/sign-in/code", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
@public
def enter_code() -> Response | str:
    pending = _pending_user()
    if pending is None:
        session.pop(PENDING_KEY, None)
        flash(_("Sign in again to continue."))
        return redirect(url_for("accounts.sign_in"))
    user, target, id_token = pending
    form = SecondFactorCodeForm()
    if form.validate_on_submit():
        code = required(form.code.data).strip()
        digits = "".join(code.split())
        if digits.isdigit() and len(digits) == 6:
            accepted = check_code(user, digits, now())
            message = _("That code is not right or has been used. Enter the newest code")
        else:
            accepted = use_recovery_code(user, code)
            message = _("That recovery code is not right or has been used")
        if accepted:
            _finish_sign_in(user, id_token=id_token)
            return redirect(target)
        db.session.commit()
        add_error(form.code, message)
    return render_template("accounts/enter_code.html", form=form)


@bp.route("/sign-in/provider")
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"])
@public
def sign_in_with_provider() -> Response | tuple[str, int]:
    if not single_sign_on.is_enabled():
        abort(404)
    target = _safe_next(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(target)
    try:
        return single_sign_on.begin(target)
    except single_sign_on.SingleSignOnRefused as refusal:
        return _refused(refusal)


@bp.route("/sign-in/provider/callback")
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"])
@public
def sign_in_callback() -> Response | tuple[str, int]:
    if not single_sign_on.is_enabled():
        abort(404)
    try:
        identity = single_sign_on.finish()
        user = single_sign_on.user_for(identity)
    except single_sign_on.SingleSignOnRefused as refusal:
        db.session.commit()  # the refusal's event, and roles taken away
        session.pop(single_sign_on.NEXT_KEY, None)
        return _refused(refusal)
    target = _safe_next(single_sign_on.take_next())
    if not identity.multi_factor and user.has_second_factor:
        # The provider did not say it asked for a second factor: Voice asks for its own code.
        session.clear()
        session[PENDING_KEY] = [
            user.id,
            user.session_version,
            now().timestamp(),
            target,
            identity.id_token,
        ]
        db.session.commit()
        return redirect(url_for("accounts.enter_code"))
    _finish_sign_in(user, id_token=identity.id_token, provider_multi_factor=identity.multi_factor)
    return redirect(target)


REFUSAL_MESSAGES = {
    "inactive": _l("This account has been turned off. Ask an admin in your team to turn it on."),
    "no_role": _l(
        "Your organisation's account is not in a group that uses Voice. "
        "Ask your IT team to add you to the right group."
    ),
    "email_taken": _l(
        "A Voice account already uses your email address. "
        "Ask an admin to check the account, then try again."
    ),
    "no_email": _l(
        "Your organisation's account did not give Voice an email address. "
        "Ask your IT team to check the single sign-on settings."
    ),
    "provider_unreachable": _l(
        "Your organisation's sign-in service did not answer. Try again in a few minutes."
    ),
}


def _refused(refusal: single_sign_on.SingleSignOnRefused) -> tuple[str, int]:
    single_sign_on.log_refusal(refusal)
    message = REFUSAL_MESSAGES.get(
        refusal.reason,
        _l("The sign-in could not be checked, or it was used already. Start again to sign in."),
    )
    status = 503 if refusal.reason == "provider_unreachable" else 403
    return render_template("accounts/sign_in_refused.html", message=message), status


@bp.route("/sign-out", methods=["POST"])
@public
def sign_out() -> Response:
    id_token = session.get(single_sign_on.ID_TOKEN_KEY)
    if current_user.is_authenticated:
        # Every copy of this cookie stops working, not just the one in this browser.
        end_all_sessions(current_user)
        log_event(current_user, SignInEventKind.SIGNED_OUT)
        db.session.commit()
    else:
        id_token = None
    logout_user()
    session.clear()
    flash(_("You have signed out."))
    # Signed in through the identity provider: sign out there too, or the next "Sign in"
    # would let the person (or whoever uses the computer next) straight back in.
    return redirect(single_sign_on.end_session_url(id_token) or url_for("public.home"))


@bp.route("/staff")
@role_required()
def staff_home() -> str:
    return render_template(
        "accounts/staff_home.html", role_labels=ROLE_LABELS, everywhere_form=ConfirmForm()
    )


@bp.route("/account/stay-signed-in", methods=["POST"])
@role_required()
def stay_signed_in() -> tuple[str, int]:
    """The idle warning's "Stay signed in": reaching this view has already renewed the idle
    time (the user loader does on every request), so the page need not reload."""
    return "", 204


@bp.route("/account/password", methods=["GET", "POST"])
@role_required()
def change_password() -> Response | str:
    if not single_sign_on.local_passwords_allowed() or not current_user.password_hash:
        abort(404)  # no Voice password to change: people sign in through the provider
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if authenticate(current_user.email, required(form.current_password.data)) is None:
            add_error(form.current_password, _("Your current password is not right"))
        else:
            set_password(current_user, required(form.new_password.data))
            end_all_sessions(current_user)
            start_session(current_user)  # this browser stays signed in, no other
            db.session.commit()
            flash(_("Your password has been changed."))
            return redirect(url_for("accounts.staff_home"))
    return render_template("accounts/change_password.html", form=form)


@bp.route("/admin/people")
@role_required(Role.ADMIN)
def people() -> str:
    return render_template("accounts/people.html", users=list_users(), role_labels=ROLE_LABELS)


@bp.route("/admin/people/new", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def add_person() -> Response | str:
    if not single_sign_on.local_passwords_allowed():
        abort(404)  # accounts are made at a person's first single sign-on
    form = NewUserForm()
    if form.validate_on_submit():
        try:
            create_user(
                email=required(form.email.data),
                name=required(form.name.data),
                password=required(form.password.data),
                roles=form.roles.roles,
            )
        except AccountError:
            add_error(form.email, _("Someone with this email address already has an account"))
        else:
            db.session.commit()
            flash(_("%(name)s has been added.", name=required(form.name.data).strip()))
            return redirect(url_for("accounts.people"))
    return render_template("accounts/add_person.html", form=form)


@bp.route("/admin/people/<int:user_id>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def edit_person(user_id: int) -> Response | str:
    user = db.session.get(User, user_id) or abort(404)
    form = EditUserForm(data={"roles": [r.value for r in user.roles], "active": user.active})
    if form.validate_on_submit():
        roles = form.roles.roles
        removes_last_admin = (
            Role.ADMIN in user.roles
            and user.active
            and (Role.ADMIN not in roles or not form.active.data)
            and count_active_admins() <= 1
        )
        if removes_last_admin:
            form.roles.errors = [_("Keep at least one active admin, or nobody can add people")]
        else:
            set_roles(user, roles)
            if user.active and not form.active.data:
                end_all_sessions(user)
            user.active = bool(form.active.data)
            db.session.commit()
            flash(_("Changes to %(name)s have been saved.", name=user.name))
            return redirect(url_for("accounts.people"))
    return render_template(
        "accounts/edit_person.html", form=form, user=user, reset_form=ConfirmForm()
    )


@bp.route("/admin/people/<int:user_id>/reset-second-factor", methods=["POST"])
@role_required(Role.ADMIN)
def reset_person_second_factor(user_id: int) -> Response:
    user = db.session.get(User, user_id) or abort(404)
    if ConfirmForm().validate_on_submit():
        reset_second_factor(user, by=current_user)
        db.session.commit()
        flash(_("%(name)s's second factor has been reset.", name=user.name))
    return redirect(url_for("accounts.edit_person", user_id=user.id))


@bp.route("/admin/sign-in-events")
@role_required(Role.ADMIN)
def sign_in_events() -> str:
    users = {user.id: user for user in list_users()}
    return render_template(
        "accounts/sign_in_events.html", events=list_events(), users=users, kind_labels=EVENT_LABELS
    )


@bp.route("/account/sign-out-everywhere", methods=["POST"])
@role_required()
def sign_out_everywhere() -> Response:
    if ConfirmForm().validate_on_submit():
        end_all_sessions(current_user)
        log_event(current_user, SignInEventKind.SIGNED_OUT_EVERYWHERE)
        db.session.commit()
        logout_user()
        session.clear()
        flash(_("You have signed out on every device."))
        return redirect(url_for("public.home"))
    return redirect(url_for("accounts.staff_home"))


@bp.route("/account/second-factor", methods=["GET", "POST"])
@role_required()
def set_up_second_factor() -> Response | str:
    secret = session.get(SETUP_SECRET_KEY)
    if not isinstance(secret, str) or request.method == "GET":
        secret = new_secret()
        session[SETUP_SECRET_KEY] = secret
    form = SetUpSecondFactorForm()
    if form.validate_on_submit():
        codes = confirm_set_up(current_user, secret, required(form.code.data), now())
        if codes is not None:
            session.pop(SETUP_SECRET_KEY, None)
            db.session.commit()
            return render_template("accounts/recovery_codes.html", codes=codes)
        add_error(form.code, _("That code is not right. Enter the newest code from your app"))
    uri = provisioning_uri(current_user, secret)
    return render_template(
        "accounts/set_up_second_factor.html",
        form=form,
        secret=secret,
        qr_code=qr_code_svg(uri),
    )
