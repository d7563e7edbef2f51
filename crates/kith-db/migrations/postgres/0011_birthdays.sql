-- A person's birthday (Person::birthday): `YYYY-MM-DD`, or `--MM-DD` when the year is not
-- known, as phones' address books and Google Contacts give it.
ALTER TABLE people ADD COLUMN birthday TEXT;
