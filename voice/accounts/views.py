from urllib.parse import urlsplit

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from voice.accounts import bp
from voice.accounts.access import public, role_required
from voice.accounts.forms import (
    ROLE_LABELS,
    ChangePasswordForm,
    EditUserForm,
    NewUserForm,
    SignInForm,
)
from voice.accounts.models import Role, User
from voice.accounts.services import (
    AccountError,
    authenticate,
    count_active_admins,
    create_user,
    list_users,
    set_password,
    set_roles,
)
from voice.db import db
from voice.extensions import limiter, login_manager
from voice.i18n import _


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id))


def _safe_next(target: str | None) -> str:
    """Only same-site paths, so the sign-in page cannot bounce people to another site."""
    if target and target.startswith("/") and not target.startswith("//"):
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
        if user is not None:
            db.session.commit()
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
        form.email.errors.append(_("Enter a correct email address and password"))
    return render_template("accounts/sign_in.html", form=form)


@bp.route("/sign-out", methods=["POST"])
@public
def sign_out() -> Response:
    logout_user()
    flash(_("You have signed out."))
    return redirect(url_for("public.home"))


@bp.route("/staff")
@role_required()
def staff_home() -> str:
    return render_template("accounts/staff_home.html", role_labels=ROLE_LABELS)


@bp.route("/account/password", methods=["GET", "POST"])
@role_required()
def change_password() -> Response | str:
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if authenticate(current_user.email, form.current_password.data) is None:
            form.current_password.errors.append(_("Your current password is not right"))
        else:
            set_password(current_user, form.new_password.data)
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
            user.active = bool(form.active.data)
            db.session.commit()
            flash(_("Changes to %(name)s have been saved.", name=user.name))
            return redirect(url_for("accounts.people"))
    return render_template("accounts/edit_person.html", form=form, user=user)
