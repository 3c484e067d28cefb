-- The certificate type the user picked on the upload form (a catalogue id), or NULL for
-- "detect automatically" and for uploads through the API. Shown to the user and the reviewer
-- next to the type recognition read; the decision rules do not use it.
ALTER TABLE credentials ADD COLUMN type_hint TEXT;
