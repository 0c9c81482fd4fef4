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

from voice.accounts import bp
from voice.accounts.access import public, role_required
from voice.accounts.forms import (
    EVENT_LABELS,
    ROLE_LABELS,
    ChangePasswordForm,
    ConfirmForm,
    EditUserForm,
    NewUserForm,
    SecondFactorCodeForm,
    SetUpSecondFactorForm,
    SignInForm,
)
from voice.accounts.models import Role, SignInEventKind, User
from voice.accounts.second_factor import (
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
from voice.i18n import _

PENDING_KEY = "_voice_pending"  # [user id, version, time, next] between password and code
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
def sign_in() -> Response | str:
    if current_user.is_authenticated:
        return redirect(_safe_next(request.args.get("next")))
    form = SignInForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        target = _safe_next(request.args.get("next"))
        if user is not None and user.has_second_factor:
            session.clear()
            session[PENDING_KEY] = [user.id, user.session_version, now().timestamp(), target]
            db.session.commit()
            return redirect(url_for("accounts.enter_code"))
        if user is not None:
            _finish_sign_in(user)
            return redirect(target)
        log_event(find_user_by_email(form.email.data), SignInEventKind.PASSWORD_REFUSED)
        db.session.commit()
        form.email.errors.append(_("Enter a correct email address and password"))
    return render_template("accounts/sign_in.html", form=form)


def _finish_sign_in(user: User) -> None:
    session.clear()  # nothing from before sign-in, the CSRF token included, carries over
    login_user(user)
    start_session(user)
    log_event(user, SignInEventKind.SIGNED_IN)
    db.session.commit()


def _pending_user() -> tuple[User, str] | None:
    pending = session.get(PENDING_KEY)
    if not isinstance(pending, list) or len(pending) != 4:
        return None
    user_id, version, started, target = pending
    user = db.session.get(User, user_id)
    fresh = now().timestamp() - started <= PENDING_SECONDS
    if user is None or not user.active or user.session_version != version or not fresh:
        return None
    return user, target


@bp.route("/sign-in/code", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
@public
def enter_code() -> Response | str:
    pending = _pending_user()
    if pending is None:
        session.pop(PENDING_KEY, None)
        flash(_("Sign in again to continue."))
        return redirect(url_for("accounts.sign_in"))
    user, target = pending
    form = SecondFactorCodeForm()
    if form.validate_on_submit():
        code = form.code.data.strip()
        digits = "".join(code.split())
        if digits.isdigit() and len(digits) == 6:
            accepted = check_code(user, digits, now())
            message = _("That code is not right or has been used. Enter the newest code")
        else:
            accepted = use_recovery_code(user, code)
            message = _("That recovery code is not right or has been used")
        if accepted:
            _finish_sign_in(user)
            return redirect(target)
        db.session.commit()
        form.code.errors.append(message)
    return render_template("accounts/enter_code.html", form=form)


@bp.route("/sign-out", methods=["POST"])
@public
def sign_out() -> Response:
    if current_user.is_authenticated:
        # Every copy of this cookie stops working, not just the one in this browser.
        end_all_sessions(current_user)
        log_event(current_user, SignInEventKind.SIGNED_OUT)
        db.session.commit()
    logout_user()
    session.clear()
    flash(_("You have signed out."))
    return redirect(url_for("public.home"))


@bp.route("/staff")
@role_required()
def staff_home() -> str:
    return render_template(
        "accounts/staff_home.html", role_labels=ROLE_LABELS, everywhere_form=ConfirmForm()
    )


@bp.route("/account/password", methods=["GET", "POST"])
@role_required()
def change_password() -> Response | str:
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if authenticate(current_user.email, form.current_password.data) is None:
            form.current_password.errors.append(_("Your current password is not right"))
        else:
            set_password(current_user, form.new_password.data)
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
    form = NewUserForm()
    if form.validate_on_submit():
        try:
            create_user(
                email=form.email.data,
                name=form.name.data,
                password=form.password.data,
                roles=form.roles.roles,
            )
        except AccountError:
            form.email.errors.append(_("Someone with this email address already has an account"))
        else:
            db.session.commit()
            flash(_("%(name)s has been added.", name=form.name.data.strip()))
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
        codes = confirm_set_up(current_user, secret, form.code.data, now())
        if codes is not None:
            session.pop(SETUP_SECRET_KEY, None)
            db.session.commit()
            return render_template("accounts/recovery_codes.html", codes=codes)
        form.code.errors.append(_("That code is not right. Enter the newest code from your app"))
    uri = provisioning_uri(current_user, secret)
    return render_template(
        "accounts/set_up_second_factor.html",
        form=form,
        secret=secret,
        qr_code=qr_code_svg(uri),
    )
