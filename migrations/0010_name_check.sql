-- How the holder's name was compared when the credential was checked (JSON): the name as
-- printed ("printed"), the account's verified name it was compared with ("account"), how it was
-- read ("read": guided = found by looking for the account's name, blind = read without it,
-- conflict = another name printed there too), and whether they matched. NULL for credentials
-- checked before this column existed. Shown on the credential (public_view name_compared).
ALTER TABLE credentials ADD COLUMN name_check TEXT;
