"""Domain exceptions. ``digest`` raises these; the CLI phrases them for users."""


class BantinError(Exception):
    """Base class: a problem the user can fix; the CLI prints it on one line."""


class ConfigError(BantinError):
    pass


class SourcesError(BantinError):
    """A malformed sources file; the message names the file, the entry and the key."""


class UnknownSource(BantinError):
    pass


class BulletinNotFound(BantinError):
    pass


class BulletinAlreadyPublished(BantinError):
    pass


class BulletinNotPublished(BantinError):
    pass


class DayNotYetCome(BantinError):
    """A bulletin asked for a day after today: its stories are not published yet."""


class InvalidInput(BantinError):
    pass


# Editors' mistakes and races, typed so that the web app words each in Vietnamese without
# reading the (English) message.
class NothingToPublish(InvalidInput):
    """The bulletin has no included story."""


class ItemNotInBulletin(InvalidInput):
    """The story is not (or no longer) in the bulletin."""


class ArticleNotFound(InvalidInput):
    """No stored article has this id."""


class UnknownSection(InvalidInput):
    pass


class BadPosition(InvalidInput):
    """A position below 1."""


class EmptyHeadline(InvalidInput):
    pass


class NoParagraphKept(InvalidInput):
    """A trim that would keep no paragraph."""


class ParagraphOutOfRange(InvalidInput):
    """A trim naming a paragraph the article no longer has."""


class HeadlineTooLong(InvalidInput):
    """A headline longer than a printed headline can be (a paste accident)."""


class DatabaseUnavailable(BantinError):
    """The database cannot be opened or used: not a database, unreachable, locked, read-only."""


class NoSuchNumber(InvalidInput):
    """A printed number ('#7') the bulletin does not print."""


class NothingToUndo(InvalidInput):
    """The editor has no change left to undo."""


class CannotUndo(InvalidInput):
    """The change is already undone, is not a correction, or its story is gone."""


class EditConflict(BantinError):
    """A change made from a stale view: someone changed the story (or the order) since."""
