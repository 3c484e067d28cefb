"""Form parsing for the pages. CSRF is checked for every POST by security.py; these classes only
validate the values (wtforms, without their own CSRF field)."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

TOKEN_PATTERN = r"\A[A-Za-z0-9_-]{16,64}\Z"


class _Form(FlaskForm):
    class Meta:
        csrf = False   # checked once, app-wide, before the view runs


class LimitChoiceForm(_Form):
    current_fen = IntegerField(validators=[Optional(), NumberRange(min=0)])
    current_yuan = StringField(validators=[Optional(), Length(max=16)])   # no-JS number input


class LimitConfirmForm(_Form):
    current_fen = IntegerField(validators=[InputRequired(), NumberRange(min=0)])
    version = IntegerField(validators=[InputRequired(), NumberRange(min=1)])
    change_token = HiddenField(validators=[DataRequired(), Regexp(TOKEN_PATTERN)])


class UploadForm(_Form):
    type_hint = StringField(default="auto")   # "auto" or a catalogue id, checked by the view
    upload_token = HiddenField(validators=[DataRequired(), Regexp(TOKEN_PATTERN)])


class ReviewForm(_Form):
    note = TextAreaField(validators=[DataRequired(), Length(max=500)])
    identity_note = TextAreaField(validators=[Optional(), Length(max=500)])
    decision = StringField(validators=[AnyOf(("approve", "reject"))])


def safe_next(target: str | None) -> str:
    """Only a path on this site, else "/": never an open redirect, never a broken header.

    Refused: anything not starting with a single "/" ("//host", "/\\host"), any control
    character or whitespace (browsers drop tabs and newlines from a URL, so "/\t/example.org"
    would become "//example.org"; a newline cannot go into a Location header at all), and
    anything urlsplit reads a scheme or a host in."""
    if not target or len(target) > 2000:
        return "/"
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return "/"
    return target
