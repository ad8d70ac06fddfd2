-- Search terms of a person: every substring of the name (up to 6 characters long), "p:" + phone tail and
-- "i:" + ID tail. A GIN index on the array answers "name contains X" and tail lookups on both engines
-- without extensions and independent of the collation (pg_trgm ignores Chinese under the C locale).
CREATE OR REPLACE FUNCTION persons_search_terms() RETURNS trigger AS $$
DECLARE
  n int := char_length(NEW.name);
  terms text[] := ARRAY[]::text[];
BEGIN
  FOR i IN 1..n LOOP
    FOR l IN 1..least(6, n - i + 1) LOOP
      terms := terms || substr(NEW.name, i, l);
    END LOOP;
  END LOOP;
  IF NEW.phone_tail IS NOT NULL THEN
    terms := terms || ('p:' || NEW.phone_tail);
  END IF;
  terms := terms || ('i:' || NEW.id_number_tail);
  NEW.search_terms := ARRAY(SELECT DISTINCT unnest(terms));
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER persons_search_terms BEFORE INSERT OR UPDATE OF name, phone_tail, id_number_tail ON persons
  FOR EACH ROW EXECUTE FUNCTION persons_search_terms();
--> statement-breakpoint
UPDATE persons SET name = name;
--> statement-breakpoint
INSERT INTO tag_definitions (code, name, name_en, kind, restricted, visit_frequency, sort_order) VALUES
  ('elderly_alone', '独居老人', 'Elderly living alone', 'care', false, 'weekly', 10),
  ('elderly_80', '高龄老人', 'Aged 80 and over', 'care', false, 'monthly', 11),
  ('disabled', '残疾人', 'Person with disability', 'care', false, 'monthly', 12),
  ('low_income', '低保户', 'Minimum-living-allowance household', 'care', false, 'monthly', 13),
  ('left_behind_child', '留守儿童', 'Left-behind child', 'care', false, 'monthly', 14),
  ('veteran', '退役军人', 'Veteran', 'identity', false, 'quarterly', 20),
  ('party_member', '党员', 'Party member', 'identity', false, NULL, 21),
  ('new_employment', '新就业群体', 'New-employment worker (rider, courier, driver)', 'identity', false, NULL, 22),
  ('volunteer', '志愿者', 'Volunteer', 'identity', false, NULL, 23),
  ('talent', '治理人才', 'Governance talent', 'identity', false, NULL, 24),
  ('key_person', '重点人员', 'Key person (restricted)', 'attention', true, 'weekly', 30)
ON CONFLICT (code) DO NOTHING;
