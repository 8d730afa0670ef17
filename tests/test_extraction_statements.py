"""Stage 4 on strings: quotes and reported speech, with their speakers."""

from enforcement.extraction.pipeline import extract_text


def said(text):
    return [(s.speaker, s.span.text) for s in extract_text(text).statements]


def test_direct_quote_with_inverted_attribution():
    assert said(
        '"Fakes fund organised crime and hurt honest sellers," said Jane Lee, a spokeswoman for Nike.'
    ) == [("Jane Lee", "Fakes fund organised crime and hurt honest sellers")]


def test_curly_quotes_split_by_he_wrote_both_go_to_the_writer():
    statements = said(
        "Jack Ma posted on Weibo. “We need to fight counterfeits the same way we fight drunk driving,” "
        "he wrote. “No one company can do it alone.”"
    )
    assert statements == [
        ("Jack Ma", "We need to fight counterfeits the same way we fight drunk driving"),
        ("Jack Ma", "No one company can do it alone."),
    ]


def test_reported_speech_takes_the_clause_and_resolves_the_company():
    statements = said(
        "Amazon removed 2 million listings last year. The company said that it would sue repeat offenders."
    )
    assert ("Amazon", "it would sue repeat offenders") in statements


def test_request_verbs_report_the_phrase_they_govern():
    statements = said("Interpol urged online platforms to share data with police in 40 countries.")
    assert statements == [
        ("Interpol", "urged online platforms to share data with police in 40 countries")
    ]


def test_inner_speaker_wins_when_the_attribution_follows():
    statements = said(
        "Ma told the SAIC that Alibaba is committed to fighting fakes, the SAIC said."
    )
    assert statements == [("Jack Ma", "Alibaba is committed to fighting fakes")] or statements == [
        ("Ma", "Alibaba is committed to fighting fakes")
    ]


def test_an_outlet_relaying_words_is_not_their_speaker():
    statements = said(
        'The brand groups wrote to Alibaba. The WSJ said that the groups are compelled "to focus on what has not improved."'
    )
    assert statements and all(speaker != "WSJ" for speaker, _ in statements)


def test_scare_quotes_and_passive_accusations_are_not_statements():
    assert (
        said('Alibaba has been accused of selling fakes. The "good faith" scheme began in 2015.')
        == []
    )


def test_according_to_a_named_source():
    assert said(
        "According to the Customs and Excise Department, officers handled 1,400 trademark cases in 2018."
    ) == [
        (
            "Hong Kong Customs and Excise Department",
            "officers handled 1,400 trademark cases in 2018",
        )
    ]


def test_a_spokesman_speaks_for_the_body_named_before():
    statements = said(
        'Hong Kong customs seized 25,000 fake items. "Selling counterfeit goods is a serious crime," a department spokesman said.'
    )
    assert statements == [
        ("Hong Kong Customs and Excise Department", "Selling counterfeit goods is a serious crime")
    ]


def test_a_quote_attributed_with_according_to():
    assert said('"Fake medicines kill thousands every year," according to Interpol.') == [
        ("Interpol", "Fake medicines kill thousands every year")
    ]


def test_the_companies_just_named_speak_through_the_first_of_them():
    statements = said(
        "LVMH and Chanel have joined forces with TikTok to tackle fake sellers, "
        "the companies said in a joint statement."
    )
    assert [speaker for speaker, _ in statements] == ["LVMH"]


def test_a_speech_verb_that_is_negated_reports_no_words():
    statements = said(
        "Zalando sold the bags. Zalando did not respond to a request for comment on the claims."
    )
    assert statements == []


def test_responding_to_concerns_with_a_tool_is_not_speech():
    assert (
        said("Etsy is responding to buyers' worries about fakes with a new checking service.") == []
    )


def test_an_aside_between_commas_reports_the_sentence_around_it():
    statements = said(
        "The Metropolitan Police raided a warehouse. The perfume, police said, was "
        "nothing more than coloured water in copied bottles."
    )
    assert statements == [
        (
            "Metropolitan Police",
            "The perfume, police said, was nothing more than coloured water in copied bottles",
        )
    ]


def test_they_said_speaks_for_the_body_named_before():
    statements = said(
        "The Metropolitan Police raided a flat in Leeds. The gang were selling fake perfume "
        "through two websites, they said."
    )
    assert statements == [
        ("Metropolitan Police", "The gang were selling fake perfume through two websites")
    ]


def test_a_statement_inside_another_is_part_of_it():
    from enforcement.extraction.statements import _Candidate, _dedupe

    outer = _Candidate(0, 80, "Wang Lei", is_quote=True)
    inner = _Candidate(40, 80, "Wang Lei", is_quote=True)
    apart = _Candidate(90, 120, "Wang Lei")
    assert _dedupe([outer, inner, apart]) == [outer, apart]


def test_quote_paragraphs_after_a_colon_are_the_introduced_speakers():
    statements = said(
        "The Toy Makers Association welcomed the ruling.\n\n"
        "The following can be attributed to association chair Maria Costa:\n\n"
        "“Fake toys put children at risk and this ruling sends a clear message.\n\n"
        "“We will keep working with customs officers to stop them at the border.”"
    )
    assert statements == [
        ("Maria Costa", "Fake toys put children at risk and this ruling sends a clear message."),
        ("Maria Costa", "We will keep working with customs officers to stop them at the border."),
    ]


def test_a_report_speaks_for_the_body_that_published_it():
    statements = said(
        "Fake medicines are a growing trade, according to a study by the World Health "
        "Organization. The study found that one in ten medicines sold in poorer countries is fake."
    )
    assert (
        "World Health Organization",
        "one in ten medicines sold in poorer countries is fake",
    ) in statements


def test_a_lawsuit_speaks_for_whoever_filed_it():
    statements = said(
        "The lawsuit was filed in a Paris court by Hermès. The lawsuit alleged that the "
        "marketplace had knowingly sold copies of its bags."
    )
    assert ("Hermès", "the marketplace had knowingly sold copies of its bags") in statements


def test_what_a_speaker_adds_in_the_same_breath_is_one_statement():
    statements = said(
        "Since May, officers have seized 300 fake phones, the Metropolitan Police said, adding "
        "that another 40 cases are under investigation."
    )
    text = (
        "Since May, officers have seized 300 fake phones, the Metropolitan Police said, "
        "adding that another 40 cases are under investigation"
    )
    assert statements == [("Metropolitan Police", text)]


def test_a_verb_reporting_a_thing_attributes_no_quote_beside_it():
    statements = said(
        "The Trading Standards Institute published a report on Monday. Shoppers have "
        "continued to report long delays, said the report, and “refunds are slow to arrive "
        "for most of them.”"
    )
    assert ("Trading Standards", "refunds are slow to arrive for most of them.") in statements


def test_one_unnamed_seller_speaks_for_the_sellers():
    result = extract_text(
        "Rolex sued 40 online shops. One store claimed to have sold only two watches, and "
        "another seller denied having sold any fakes at all."
    )
    speakers = {s.speaker for s in result.statements}
    assert speakers == {"sellers"}
    assert any(a.name == "sellers" for a in result.actors)


def test_a_body_that_believes_a_clause_states_it():
    statements = said(
        "The Metropolitan Police seized 900 watches. Police believed that most of the "
        "watches were bound for market stalls in Kent."
    )
    assert (
        "Metropolitan Police",
        "most of the watches were bound for market stalls in Kent",
    ) in statements


def test_the_force_speaks_for_the_police_body_named_before():
    statements = said(
        "Officers from the Guardia di Finanza raided warehouses near Naples, the force said."
    )
    assert [speaker for speaker, _ in statements] == ["Guardia di Finanza"]


def test_a_body_that_estimates_at_the_end_of_a_sentence_says_it():
    text = (
        "The Anti-Counterfeiting Group published its findings on Monday. "
        "Fake goods cost the economy $2 billion a year, the group estimates."
    )
    assert said(text) == [
        ("Anti-Counterfeiting Group", "Fake goods cost the economy $2 billion a year")
    ]


def test_an_estimated_number_is_no_statement():
    assert said("Officers seized an estimated 500 fake watches at the port.") == []


def test_according_to_its_report_the_finding_is_the_authors():
    text = (
        "The Anti-Counterfeiting Group published its findings on Monday. "
        "According to its annual report, the group counted 3 million fake listings online."
    )
    assert said(text) == [
        ("Anti-Counterfeiting Group", "the group counted 3 million fake listings online")
    ]
