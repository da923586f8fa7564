"""Every kind of problem the data can have: a closed list, each with what it means and the fix.

Each problem the checks report carries one of these codes (shown after its message as
`[quote-not-found]`, and as the title of its GitHub annotation), so tests, CI filters and
CONTRIBUTING.md can name the kind of mistake without depending on a message's wording. The code is
the member's name in kebab-case; CONTRIBUTING.md lists every one (a test keeps the two in step).
"""

from __future__ import annotations

from enum import Enum, unique


@unique
class Code(Enum):
    """A kind of problem: (what it means, how to fix it). The message and hint say it exactly."""

    # Files and YAML
    FILE_TOO_LARGE = ("a data file is larger than the size limit", "split it into smaller files")
    FILE_UNREADABLE = (
        "a file cannot be opened or read",
        "check that the file exists and can be read",
    )
    NOT_UTF8 = ("a file is not valid UTF-8 text", "save it as UTF-8")
    FILE_EMPTY = ("a data file holds nothing", "add the data, or delete the file")
    YAML_SYNTAX = (
        "a file is not valid YAML",
        "fix the line: often a missing `:`, a value that needs quotes, or a tab instead of spaces",
    )
    YAML_CHARACTER = (
        "a character YAML does not allow, usually an invisible control character",
        "delete the character",
    )
    YAML_ANCHOR = ("a YAML anchor (`&`) or alias (`*`)", "write each value out in full")
    YAML_TAG = (
        "a YAML tag such as `!!int` or `!custom`",
        "remove the tag; put text in quotes instead",
    )
    YAML_MERGE_KEY = ("a YAML merge key (`<<`)", "write every field out in full")
    YAML_COMPLEX_KEY = ("a key that is a list or a mapping", "use a plain word as the key")
    YAML_TOO_DEEP = (
        "values nested deeper than the limit",
        "flatten the structure: data files need only a few levels",
    )
    YAML_TOO_MANY_VALUES = (
        "a data file holds more values than the limit",
        "split it into smaller files",
    )
    DUPLICATE_KEY = (
        "the same key twice in one mapping (YAML would silently keep only the last)",
        "keep one of the two",
    )
    FRONT_MATTER_SYNTAX = (
        "a page's front matter is not valid YAML",
        "fix the YAML between the `---` lines",
    )
    # Files and folders in data/
    NO_DATA_FOLDER = ("the project has no `data/` folder", "create `data/` with the data files")
    UNEXPECTED_FILE = (
        "a file or folder that `data/` does not use",
        "move or rename it: `data/` holds the folders and files listed in this guide",
    )
    YML_EXTENSION = ("a data file whose name ends in `.yml`", "rename it to end in `.yaml`")
    OUTSIDE_PROJECT = (
        "a file that is, or links to, something outside the project",
        "keep data files inside the repository as ordinary files",
    )
    INVALID_FILE_NAME = (
        "a data file's name is not a valid id",
        "name the file in lowercase kebab-case: it becomes the page's address",
    )
    PAGE_COLLISION = (
        "a file in `docs/` has the path of a page or file the generator makes",
        "rename or remove it: generated pages never live in `docs/`",
    )
    NAME_TAKEN = (
        "a name the site already uses: a topic, actor or source id that gives a page the address "
        "of another, or a heading in `docs/` whose anchor begins with `_` (the site's own ids)",
        "rename the file (its id is the page's address), or reword the heading",
    )
    DUPLICATE_ANCHOR = (
        "two sections of one topic whose headings give the same anchor",
        "reword one of the two headings: each section's address comes from its words",
    )
    FILE_SHAPE = (
        "a file or list entry has the wrong shape (a list where a mapping belongs, or the reverse)",
        "follow the example of that kind of file in this guide",
    )
    # Fields and values
    UNKNOWN_FIELD = (
        "a field this kind of record does not have, often a typo",
        "use the name the hint suggests, or remove the field",
    )
    MISSING_FIELD = ("a required field is absent", "add the field; the hint says what it holds")
    WRONG_TYPE = (
        "a value of the wrong type: a list where text belongs, text where a number belongs, …",
        "write the kind of value the message names",
    )
    EMPTY_TEXT = ("a text value is empty", "write the value, or remove the field if it is optional")
    TEXT_TOO_LONG = ("a text value is longer than its field allows", "shorten it")
    MULTILINE_TEXT = ("a one-line field spans several lines", "join the lines into one")
    CONTROL_CHARACTER = (
        "text contains an invisible control character",
        "remove it (it comes from an escape such as `\\x1b` inside double quotes)",
    )
    INVALID_ID = (
        "an id that is not lowercase kebab-case",
        "use letters a-z, digits and single hyphens, e.g. `city-council`",
    )
    INVALID_FORMAT = (
        "a value without its field's form: a language tag, an address, a sha256, a file name",
        "write it in the form the hint shows",
    )
    INVALID_DATE = (
        "a date that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or does not exist",
        'write it in quotes, e.g. `"2008-08"`, only as precise as the source',
    )
    OUT_OF_RANGE = ("a number outside its field's range", "use a whole number in the range given")
    INVALID_CHOICE = (
        "a value that must be one of a few words",
        "use one of the words listed; the hint suggests the closest",
    )
    DUPLICATE_ITEM = ("the same item twice in a list", "remove one")
    TOO_FEW_ITEMS = ("a list with fewer items than it needs", "add the missing items")
    # Sources and their archived texts
    TEXT_FILE_MISSING = (
        "a source's archived text file does not exist",
        "add the `.txt` file beside the `.yaml`, or point `text:` at it",
    )
    TEXT_FILE_EMPTY = (
        "a source's archived text is empty",
        "archive the source's text, paragraphs separated by blank lines",
    )
    SHA256_MISMATCH = (
        "the archived text is not the one its `sha256` records",
        "restore the text (`git checkout` it): archived texts are never edited",
    )
    TEXT_NOT_NFC = (
        "the archived text is not in Unicode NFC form",
        "normalise it (`make add-source` does) and update `sha256`",
    )
    BAD_EXCLUDED_BLOCK = (
        "an excluded block that does not exist or is listed twice",
        "number the blocks from 1 as blank lines separate them, and list each once",
    )
    # Ids and references
    DUPLICATE_ID = (
        "an id used by two records (ids are unique across all data)",
        "choose another id",
    )
    UNKNOWN_REFERENCE = (
        "an id that names no record of that kind, often a typo",
        "fix the id (the hint suggests the closest) or add the record",
    )
    WRONG_REFERENCE_KIND = (
        "an id that names a record of another kind (an actor where a topic belongs, …)",
        "use an id of the kind the field expects",
    )
    SELF_REFERENCE = ("a topic listed as related to itself", "remove it")
    DUPLICATE_ORDER = (
        "two topics with the same `order`",
        "give each its own position, or leave `order` out to list a topic by title",
    )
    # Events
    EVENT_DATE_OR_WHEN = (
        "an event with both or neither of `date` and `when`",
        "give `date` when the source dates it, otherwise `when` in the source's words",
    )
    EVENT_OUT_OF_ORDER = (
        "a dated event listed after a later one",
        "move it up: `events.yaml` lists events oldest first",
    )
    # Dates (a date stands for every day it may mean: "2021" for all of 2021)
    DATE_IN_FUTURE = (
        "a source published or retrieved after today",
        "correct the date (today is the date of `SOURCE_DATE_EPOCH` when it is set)",
    )
    PUBLISHED_AFTER_RETRIEVED = (
        "a source published after the day its text was retrieved",
        "correct one of the two dates",
    )
    DATE_AFTER_SOURCES = (
        "a claim's `date` or a dated event after the newest source quoted for it: the site would "
        "imply what its sources cannot know",
        "date it no later than the source (a forecast's date too: say what it foresees in the "
        "statement), or leave `date` out",
    )
    # Quotes
    QUOTE_TOO_SHORT = ("a quote too short to identify one passage", "quote more of the sentence")
    QUOTE_NOT_FOUND = (
        "a quote that is not in its source, character for character",
        "copy it exactly: `make find-quote` (then paste the words) shows the text to paste",
    )
    QUOTE_AMBIGUOUS = (
        "a quote that occurs more than once in its source",
        "extend it with neighbouring words until it occurs once",
    )
    QUOTE_ACROSS_PARAGRAPHS = (
        "a quote that runs across paragraphs",
        "shorten it to one paragraph, or make two claims",
    )
    DUPLICATE_QUOTE = (
        "a claim quotes the same passage twice (its quote and an evidence entry, or two entries)",
        "quote another passage, or remove the repeated one",
    )
    QUOTE_NOT_BODY = (
        "a quote in, or running into, a block that is not body text (a byline, a disclaimer)",
        "quote the article's body text only",
    )
    # Links between claims
    LINK_UNKNOWN_TARGET = (
        "a link to a claim that does not exist, often a typo",
        "fix the claim id (the hint suggests the closest)",
    )
    LINK_TO_ITSELF = ("a claim linked to itself", "link it to another claim, or remove the link")
    DUPLICATE_LINK = (
        "the same link (relation and claim) twice on one claim",
        "keep one of the two",
    )
    UNKNOWN_RELATION = (
        "a link relation that is not in the vocabulary",
        "use one of the relations listed in this guide; the hint suggests the closest",
    )
    REASONING_CYCLE = (
        "`because` and `evidence-for` links that go round in a circle",
        "a claim cannot be a reason for itself: remove or reverse one of the links named",
    )
    LINK_SOURCE_NOT_SHARED = (
        "a link's quote in a source that one of the two claims does not quote",
        "quote the link from a source both claims quote, or add a quote from it to the claim",
    )
    # Prose and macros
    TEMPLATE_SYNTAX = (
        "template syntax (`{%`, `{#`, a stray `}}`) outside a macro call",
        "prose is plain text plus the macro calls listed in this guide",
    )
    MACRO_SYNTAX = (
        "a macro call that cannot be read, or has the wrong arguments",
        'write e.g. `{{ claim("some-id") }}`, with ids in double quotes',
    )
    UNKNOWN_MACRO = (
        "a call of a macro that does not exist",
        "use one of the macros listed in this guide",
    )
    PASSAGE_NOT_LINKED = (
        "a `link()` call names a claim that is not linked to its first claim",
        "link the two claims in `links:`, or name a claim that is linked to the first",
    )
    PASSAGE_REPEATS_CLAIM = (
        "a `link()` call names a claim twice, or its first claim again",
        "name each claim once",
    )
    PASSAGE_FOLLOWS_TWO = (
        "a `link()` call whose first claim comes after others in two ways (e.g. the answer to one "
        "and an example of another)",
        "write one `link()` call for each way",
    )
    # Editorial rules (checked once the data itself is sound)
    NUMBER_NOT_IN_QUOTE = (
        "a number, year or date in a statement that its quotes (and the source's date) do not give",
        "say only what the quote says: quote the words that give it, or leave it out",
    )
    DATE_NOT_IN_QUOTE = (
        "a claim's `date` that its quotes do not state",
        "give `date` only when the quote states it, only as precisely; otherwise leave it out",
    )
    UNCITED_SENTENCE = (
        "a prose sentence that cites nothing",
        'make it a claim (`{{ claim("id") }}`) or end it with `{{ cite("id") }}`',
    )
    UNCITED_CLAIM = (
        "a claim that no page cites",
        "cite it in the prose of a topic it belongs to, or remove it",
    )
    TOPIC_MISMATCH = (
        "a claim cited on a topic page whose `topics` do not list that topic",
        "add the topic to the claim's `topics`, or cite the claim on one of its own topics",
    )
    VIEW_NOT_ATTRIBUTED = (
        "an assessment or forecast not worded as the author's view",
        "name the author (or write “the author”) in the statement: “The author argues…”",
    )
    LINK_ON_NO_COMMON_PAGE = (
        "a link between two claims that no page shows together",
        "cite both claims on one page (a topic of both), or remove the link",
    )

    @property
    def slug(self) -> str:
        """The code as shown and written: `quote-not-found`."""
        return self.name.lower().replace("_", "-")

    @property
    def meaning(self) -> str:
        return self.value[0]

    @property
    def fix(self) -> str:
        return self.value[1]

    def __str__(self) -> str:
        return self.slug
