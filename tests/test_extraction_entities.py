"""Stage 3 on strings: the gazetteer corrects the model; names are tied together."""

from enforcement.extraction.pipeline import extract_text


def names(result, key):
    return {entity.name: entity for entity in getattr(result, key)}


def test_gazetteer_fixes_what_the_small_model_gets_wrong():
    result = extract_text(
        "Alibaba said on Monday that Gucci and Louis Vuitton had sued the platform."
    )
    actors = names(result, "actors")
    assert actors["Alibaba"].kind == "company"
    assert actors["Gucci"].kind == "brand"
    assert actors["Louis Vuitton"].kind == "brand"


def test_acronym_in_brackets_and_surname_alone_are_one_entity():
    result = extract_text(
        "The Quality Brands Protection Committee (QBPC) met officials. "
        "Committee chairman Li Wenhua said fakes were rising. Li added that QBPC members would act."
    )
    regulators_and_actors = {**names(result, "regulators"), **names(result, "actors")}
    qbpc = regulators_and_actors["Quality Brands Protection Committee"]
    assert "QBPC" in qbpc.aliases
    assert "Li" in regulators_and_actors["Li Wenhua"].aliases
    assert "Li" not in regulators_and_actors


def test_unknown_organisations_are_sorted_by_the_words_in_their_name():
    result = extract_text(
        "The Shenzhen Municipal Market Supervision Bureau fined the Acme Trading Company, "
        "and the Footwear Distributors Association protested."
    )
    regulators, actors = names(result, "regulators"), names(result, "actors")
    assert any("Bureau" in name for name in regulators)
    assert any(entity.kind == "association" for entity in actors.values())


def test_outlets_that_report_the_story_are_not_actors():
    result = extract_text(
        "Customs seized 300 fake bags, Reuters reported. Nike told the Wall Street Journal it welcomed the move."
    )
    everyone = set(names(result, "actors")) | set(names(result, "regulators"))
    assert "Reuters" not in everyone and "Wall Street Journal" not in everyone
    assert "Nike" in everyone


def test_unnamed_public_bodies_are_regulators_with_their_country():
    result = extract_text(
        "Chinese authorities raided six factories in China. Jack Ma urged the government to "
        "act, and said authorities were too slow."
    )
    regulators = names(result, "regulators")
    assert regulators["Chinese authorities"].country == "CN"
    assert "authorities" in regulators["Chinese authorities"].aliases
    assert "Chinese government" in regulators


def test_people_get_the_organisation_they_speak_for():
    result = extract_text(
        '"We seize fakes every day," said John Smith, assistant director of Border Force. '
        "Amazon founder Jeff Bezos said the company was investing."
    )
    actors = names(result, "actors")
    assert actors["John Smith"].affiliation == "UK Border Force"
    assert actors["Jeff Bezos"].affiliation == "Amazon"


def test_social_networks_only_count_when_they_act():
    idle = extract_text("The gang used Instagram and WhatsApp to find buyers, police said.")
    assert not {"Instagram", "WhatsApp"} & set(names(idle, "actors"))
    acting = extract_text("Facebook removed 1,000 accounts selling fake watches.")
    assert "Facebook" in names(acting, "actors")


def test_a_place_taken_for_a_person_is_dropped_and_a_product_name_is_a_brand():
    result = extract_text(
        "Officers raided shops in Tsim Sha Tsui and Mong Kok. Sellers offered fake Air Jordan shoes."
    )
    actors = names(result, "actors")
    assert "Mong Kok" not in actors
    assert actors["Air Jordan"].kind == "brand"


def test_an_acronym_found_alone_takes_its_spelled_out_name_and_kind():
    result = extract_text(
        "The Shenzhen Anti-Fraud Bureau (SAFB) said it raided 12 shops. SAFB officers seized 3,000 bags."
    )
    regulators = names(result, "regulators")
    assert "Shenzhen Anti-Fraud Bureau" in regulators
    assert "SAFB" in regulators["Shenzhen Anti-Fraud Bureau"].aliases
    assert "SAFB" not in names(result, "actors")


def test_bare_police_in_a_story_about_a_named_force_is_that_force():
    result = extract_text(
        "The Metropolitan Police said officers arrested a man. Police seized 2,000 fake kits."
    )
    regulators = names(result, "regulators")
    assert list(regulators) == ["Metropolitan Police"]


def test_an_appositive_title_gives_the_affiliation():
    result = extract_text(
        "Chanel's lawyer, Jean Martin, told reporters the brand would sue every seller."
    )
    assert names(result, "actors")["Jean Martin"].affiliation == "Chanel"


def test_only_capitals_in_brackets_are_an_acronym():
    import spacy

    from enforcement.extraction.entities import _acronym_matcher

    doc = spacy.blank("en")(
        "The Northern Seaboard Trading Office (NSTO) and Harrow Fabrics (Ltd) met the "
        "Metro Tariff Bureau (M.T.B.) and a (W) stall (ABCDEFGHIJK)."
    )
    found = [doc[start + 1].text for _, start, _ in _acronym_matcher(doc.vocab)(doc)]
    assert found == ["NSTO", "M.T.B."]
    assert _acronym_matcher(doc.vocab) is _acronym_matcher(doc.vocab)  # built once


def everyone(result):
    return {**names(result, "regulators"), **names(result, "actors")}


def test_a_name_alone_on_its_lines_is_a_byline_not_an_actor():
    result = extract_text(
        "Toy shops told to check stock\n\nPriya Raman\n\nMattel said on Tuesday that fake "
        "dolls were sold in 40 shops. Lisa Gold, a Mattel spokeswoman, said the firm would act."
    )
    assert "Priya Raman" not in everyone(result)
    assert "Lisa Gold" in everyone(result)


def test_an_operations_name_is_not_an_actor_where_it_recurs():
    result = extract_text(
        "Interpol led Operation Thunderbolt IV in March. Last year, Thunderbolt III "
        "resulted in 90 arrests."
    )
    assert not any(name.startswith("Thunderbolt") for name in everyone(result))


def test_a_surname_of_several_words_is_the_person_named_in_full():
    result = extract_text(
        "Europol said Anna De Vries led the checks. De Vries said the gangs were organised."
    )
    people = {n for n, e in names(result, "actors").items() if e.kind == "person"}
    assert people == {"Anna De Vries"}


def test_an_acronym_of_a_bodys_initials_is_that_body():
    result = extract_text(
        "The Footwear Distributors Trade Association wrote to Amazon. In a letter, FDTA "
        "said fake shoes cost its members $2 million."
    )
    association = everyone(result)["Footwear Distributors Trade Association"]
    assert "FDTA" in association.aliases
    assert "FDTA" not in everyone(result)


def test_a_house_or_senate_committee_is_a_legislature():
    result = extract_text(
        "The House Oversight Committee questioned eBay about fake listings on Tuesday."
    )
    committee = names(result, "regulators")["House Oversight Committee"]
    assert committee.kind == "legislature"


def test_runs_that_are_not_names_are_left_out():
    result = extract_text(
        "Dubbed Clean Web Shield, the campaign targets sellers on Tokopedia. Its IPO was "
        "delayed, and traders in Glodok Industrial Area said the Administration had done "
        "little. Tokopedia said in a statement on news portal Kompas that it removed listings."
    )
    found = everyone(result)
    assert "Tokopedia" in found
    for not_a_name in (
        "Dubbed Clean Web Shield",
        "IPO",
        "Glodok Industrial Area",
        "Administration",
        "Kompas",
    ):
        assert not_a_name not in found


def test_a_hyphenated_given_name_keeps_its_lower_case_half():
    result = extract_text(
        "Customs senior inspector Wong Ka-ming said officers raided three shops in Mong Kok."
    )
    assert "Wong Ka-ming" in names(result, "actors")


def test_a_court_or_judge_is_named_by_the_place_it_sits_in():
    result = extract_text(
        "Burberry sued the sellers in Brooklyn federal court. A Texas federal judge later "
        "froze their accounts, and the court ordered the sites shut."
    )
    regulators = names(result, "regulators")
    assert "Brooklyn federal court" in regulators
    assert "Texas federal judge" in regulators
    assert not any(
        name.endswith(" court") and name != "Brooklyn federal court" for name in regulators
    )


def test_a_judge_with_no_place_is_no_body():
    result = extract_text("Nike won the case. The judge said the copies were obvious.")
    assert names(result, "regulators") == {}


def test_a_long_known_name_is_known_in_headline_capitals():
    result = extract_text(
        "Agents of the World Intellectual Property organization met Interpol in Lyon."
    )
    assert "World Intellectual Property Organization" in names(result, "regulators")


def test_a_short_known_name_in_lower_case_is_a_word():
    result = extract_text("The apple harvest was poor, and a meta study found fakes rising.")
    assert "Apple" not in names(result, "actors") and "Meta" not in names(result, "actors")


def test_a_name_glued_before_a_known_office_makes_another_body():
    result = extract_text(
        "The figures come from the Ruritania Ministry Intellectual Property Office, which "
        "tracks seizures."
    )
    regulators = names(result, "regulators")
    assert "Intellectual Property Office" not in regulators
    assert any(name.endswith("Intellectual Property Office") for name in regulators)


def test_a_country_before_a_body_says_whose_it_is_and_is_no_part_of_its_name():
    result = extract_text("Officials said the Chinese State Council approved the plan.")
    assert "State Council" in names(result, "regulators")


def test_a_quoted_name_before_goods_is_a_brand():
    result = extract_text(
        "Officers found three 'Moncler' jackets and a 'Goyard' wallet in the van, on the "
        "'Clean Streets' list."
    )
    actors = names(result, "actors")
    assert actors["Moncler"].kind == "brand" and actors["Goyard"].kind == "brand"
    assert "Clean Streets" not in actors


def test_a_name_listed_with_brands_is_a_brand():
    result = extract_text("The fakes carried the logos of Gucci, Balmain and Loewe.")
    actors = names(result, "actors")
    assert {"Gucci", "Balmain", "Loewe"} <= set(actors)


def test_a_known_body_named_with_another_country_is_that_countrys_body():
    result = extract_text(
        "The Korean Intellectual Property Office (KIPO) caught 300 sellers, and the "
        "Intellectual Property Office of Singapore warned shoppers."
    )
    regulators = names(result, "regulators")
    assert regulators["Korean Intellectual Property Office"].country == "KR"
    assert "KIPO" in regulators["Korean Intellectual Property Office"].aliases
    assert "Intellectual Property Office of Singapore" in regulators
    assert "Intellectual Property Office" not in regulators
    assert "Korean" not in names(result, "actors")


def test_a_city_police_force_is_named_by_its_city():
    result = extract_text("Bengaluru police said more arrests would follow the raid.")
    assert "Bengaluru police" in names(result, "regulators")


def test_a_spokesman_for_a_company_is_affiliated_with_it():
    result = extract_text("Tom Reyes, a spokesman for Zalando, said the listings were removed.")
    assert names(result, "actors")["Tom Reyes"].affiliation == "Zalando"


def test_a_name_before_a_port_is_a_place():
    result = extract_text("Thai Customs seized 2,000 fake shirts at Laem Chabang port.")
    assert "Laem Chabang" not in names(result, "actors")


def test_a_one_word_body_is_the_body_named_in_full_with_that_word():
    result = extract_text(
        "Customs officers in Manila seized fake bags, the Bureau of Customs said on Friday."
    )
    assert set(names(result, "regulators")) == {"Bureau of Customs"}


def test_officials_from_a_named_body_are_that_bodys():
    result = extract_text(
        "Officials from the Food and Drug Administration said fake insulin was sold online."
    )
    assert set(names(result, "regulators")) == {"Food and Drug Administration"}


def test_bare_police_in_a_story_of_many_countries_is_nobody_in_particular():
    result = extract_text(
        "Officers in Brazil, Kenya and Thailand took part in the week of action. "
        "Police seized 3,000 fake watches, and authorities closed two warehouses."
    )
    regulators = names(result, "regulators")
    assert not any(name.endswith(("police", "authorities")) for name in regulators)


def test_bare_police_in_a_story_set_in_one_country_are_that_countrys():
    result = extract_text(
        "Thai officers raided a market in Bangkok, Thailand's capital. Police seized 3,000 "
        "fake watches, a Thai court fined the seller, and Thailand's government welcomed it."
    )
    assert "Thai police" in names(result, "regulators")


def test_abbreviations_of_things_are_nobody():
    result = extract_text(
        "Customs officers seized 2,000 fake USB chargers and fake PPE. "
        "IPR theft costs jobs, the Anti-Counterfeiting Group said."
    )
    everyone = set(names(result, "actors")) | set(names(result, "regulators"))
    assert not everyone & {"USB", "PPE", "IPR"}
    assert "Anti-Counterfeiting Group" in everyone


def test_a_word_of_a_heading_between_paragraphs_is_no_person_and_speaks_for_nobody():
    text = (
        "Police seized 300 fake bags in Leeds on Monday, officers said.\n\n"
        "Tony Says No\n\n"
        'Inspector Jane Smith said the goods were dangerous. "Do not buy them," he said.'
    )
    result = extract_text(text)
    assert "Tony" not in names(result, "actors")
    assert {s.speaker for s in result.statements} == {"Jane Smith"}


def test_a_council_that_governs_a_place_is_a_regulator_and_a_trade_council_is_not():
    result = extract_text(
        "Officers from Kent County Council raided a shop. "
        "The British Fashion Council said fakes hurt designers."
    )
    assert names(result, "regulators")["Kent County Council"].kind == "government"
    assert "British Fashion Council" in names(result, "actors")
