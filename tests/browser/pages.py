"""The one list of pages every accessibility check walks. Later work adds its pages here."""

from dataclasses import dataclass

from voice.accounts.models import Role


@dataclass(frozen=True)
class PageCheck:
    name: str
    path: str
    roles: tuple[Role, ...] | None = None  # None: open to anyone; () any signed-in staff
    submit_empty: bool = False  # also check the page showing its error summary


PAGES: list[PageCheck] = [
    PageCheck("home", "/"),
    PageCheck("sign in", "/sign-in"),
    PageCheck("sign in with errors", "/sign-in", submit_empty=True),
    PageCheck("accessibility statement", "/accessibility"),
    PageCheck("privacy notice", "/privacy"),
    PageCheck("not found error", "/no-such-page"),
    PageCheck("staff home", "/staff", roles=()),
    PageCheck("change password", "/account/password", roles=(), submit_empty=True),
    PageCheck("people", "/admin/people", roles=(Role.ADMIN,)),
    PageCheck("add a person", "/admin/people/new", roles=(Role.ADMIN,), submit_empty=True),
]
