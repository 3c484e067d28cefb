-- Chinese holder names are now matched with their traditional characters folded to simplified
-- (limitup.hanzi.NAME_SIMPLIFIED: 陳 is 陈). A key stored before is folded the same way, so a
-- number-less certificate uploaded again is still found as the same certificate. fold_name is
-- the Python function db.connect registers on every connection.
UPDATE credentials SET holder_key = fold_name(holder_key)
 WHERE holder_key IS NOT NULL AND holder_key != fold_name(holder_key);
