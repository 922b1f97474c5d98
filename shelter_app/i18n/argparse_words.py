"""The words argparse itself prints (usage, errors, the help's headings), so that the
command line speaks the app's language all through: cli.py points argparse's own `_` and
`ngettext` at the app's catalog, and this list puts the words into it (make extract).
Taken from Python 3.11's argparse; a word missing here is printed as argparse has it."""

from shelter_app.i18n import N_, ngettext

ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("can't open '%(filename)s': %(error)s"),
)


def _plural_words() -> None:  # never called: it shows make extract the plural forms
    ngettext("expected %s argument", "expected %s arguments", 1)
