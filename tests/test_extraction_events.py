"""Stage 6 on strings: what happened, when, and who took part."""

import pytest

from enforcement.extraction.dates import PartialDate
from enforcement.extraction.entities import find_entities
from enforcement.extraction.events import find_events
from enforcement.extraction.pipeline import extract_text, load_nlp


def events(text, published=None):
    return [
        (e.kind, e.date.isoformat() if e.date else None)
        for e in extract_text(text, published=published).events
    ]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Border Force officers seized 4,000 fake belts at Felixstowe.", "seizure"),
        ("Police arrested 12 people in the city of Yiwu.", "prosecution"),
        ("Prosecutors charged three men with selling fake medicine.", "prosecution"),
        ("Nike filed a lawsuit against 500 online sellers.", "lawsuit"),
        ("A federal court dismissed the case against the marketplace.", "ruling"),
        ("The SAMR fined the platform 2 million yuan.", "penalty"),
        ("Amazon removed 6 million suspected counterfeit listings.", "takedown"),
        ("The USTR added the website to its notorious markets list.", "listing"),
        ("The EUIPO published a report on online fakes.", "report"),
        ("Amazon launched a program that lets brands delete listings.", "program"),
        ("The brands signed an agreement with the platform.", "agreement"),
        ("Trade groups called on Congress to pass tougher laws.", "advocacy"),
        (
            "Jack Ma met with officials of the State Administration for Industry and Commerce.",
            "meeting",
        ),
    ],
)
def test_trigger_words_give_the_kind(text, kind):
    assert [found for found, _ in events(text)] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "Counterfeiters should get the same penalties as drunk drivers.",
        "If we imposed a prison sentence, the world would look different.",
        "The platform failed to remove the listings.",
        "Interpol urged platforms to remove fake listings.",
        '"We will seize every fake," the minister said.',
    ],
)
def test_what_did_not_happen_is_not_an_event(text):
    assert [kind for kind, _ in events(text) if kind != "advocacy"] == []


def test_dates_resolve_against_the_publication_date_at_their_precision():
    published = PartialDate(2015, 2, 11)
    assert events("Police raided the market on Monday.", published) == [("seizure", "2015-02-09")]
    assert events("In Jan. 2015, the SAIC released a white paper.", published) == [
        ("report", "2015-01")
    ]
    assert events("Police raided the market on Monday.") == [("seizure", None)]


def test_participants_come_from_the_clause():
    result = extract_text("The SAIC released a white paper accusing Alibaba of tolerating fakes.")
    (event,) = result.events
    assert event.regulators == ["State Administration for Industry and Commerce"]
    assert "Alibaba" in event.actors


def test_the_same_event_told_again_is_one_event():
    text = (
        "A United States court dismissed a lawsuit against Alibaba. "
        "The court's decision ruled that there was not enough evidence."
    )
    assert [kind for kind, _ in events(text)].count("ruling") == 1


def test_a_weekday_in_a_paper_of_that_day_is_that_day():
    published = PartialDate(2021, 11, 4)  # a Thursday
    assert events("The two agencies signed an agreement on Thursday.", published) == [
        ("agreement", "2021-11-04")
    ]


def test_reactions_and_future_plans_are_not_new_events():
    text = "A court sentenced the seller to six years. Pfizer welcomed the verdict. Police will raid more shops."
    assert [kind for kind, _ in events(text)] == ["penalty"]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Police dismantled a network that sold fake perfume.", "investigation"),
        ("Customs destroyed 10 tonnes of counterfeit goods.", "seizure"),
        ("The seller pleaded guilty to trademark counterfeiting.", "prosecution"),
        ("Chanel settled its lawsuit with the reseller.", "agreement"),
    ],
)
def test_more_ways_of_telling_enforcement(text, kind):
    assert kind in [found for found, _ in events(text)]


def test_two_programmes_in_one_sentence_are_two_but_two_takedowns_are_one():
    programmes = events(
        "The agency has been working with platforms to remove fakes, and has set up a testing centre."
    )
    assert [kind for kind, _ in programmes] == ["program", "program"]
    takedowns = events("The platform removed 380 million listings and closed 180,000 stores.")
    assert [kind for kind, _ in takedowns] == ["takedown"]


def test_joining_forces_is_an_agreement():
    assert [
        kind
        for kind, _ in events("LVMH and Chanel have joined forces with TikTok to tackle fakes.")
    ] == ["agreement"]


def kinds(text, published=None):
    return [kind for kind, _ in events(text, published)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Police arrested three vendors at the night market.", ["prosecution"]),
        ("Police netted 5,000 fake handbags at a market stall.", ["seizure"]),
        ("Two men were held by officers at the port.", ["prosecution"]),
        ("The charges were brought by the Crown Prosecution Service.", ["prosecution"]),
        ("The directors were held personally liable for the infringement.", ["ruling"]),
        ("The company netted $5 million in profit last year.", []),
        ("Officers detained the consignment at the border post.", ["seizure"]),
        ("Border guards detained two couriers carrying fake pills.", ["prosecution"]),
        ("Gendarmes raided a warehouse near Lyon and seized 4,000 fake perfumes.", ["seizure"]),
        (
            "Officers arrested four men and confiscated 2,000 fake phone chargers.",
            ["prosecution", "seizure"],
        ),
    ],
)
def test_arrests_are_prosecutions_and_raids_and_detained_goods_are_seizures(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text, kind",
    [
        ("The joint action resulted in 37 arrests across Europe.", "prosecution"),
        ("A court in Milan handed the importer a two-year prison sentence.", "penalty"),
        ("The seller was ordered to pay $20,000 towards the brand's costs.", "penalty"),
        ("As part of the deal, the dealer must pay $8,000 in restitution.", "penalty"),
        ("The magistrate banned him from trading at markets for five years.", "ruling"),
        ("The sportswear maker won its case against the importer.", "ruling"),
        ("The brand sought $5 million in damages from the retailer.", "lawsuit"),
        ("Officers found 600 fake handbags in a lorry at Dover.", "seizure"),
        ("Investigators uncovered a network selling fake pesticides.", "investigation"),
        ("Police registered a case against the shop owner.", "prosecution"),
        ("Customs officers are following up the leads from the port.", "investigation"),
        ("Agents toppled 300 websites selling fake pills.", "takedown"),
        ("Trading Standards warned shoppers to avoid cheap perfume this winter.", "advocacy"),
        ("Officials verified that the 300 watches were fake.", "investigation"),
        ("The trade office blacklisted the marketplace in 2019.", "listing"),
        ("The platform announced a strategy to fight fakes.", "program"),
        ("Operation Ironside targeted 40 pharmacies in the north.", "program"),
        ("In a submission to the Senate, the trade group set out its losses.", "advocacy"),
        ("The senator questioned the retailer at a hearing on fakes.", "meeting"),
    ],
)
def test_events_told_as_nouns_results_and_orders(text, kind):
    assert kind in kinds(text)


@pytest.mark.parametrize(
    "text, kind",
    [
        ("The retailer is fending off lawsuits from several brands.", "lawsuit"),
        ("The sellers tried to avoid litigation in the spring.", "lawsuit"),
        ("Shoe retailer to close 30 stores", "takedown"),
        ("The platform unveiled a tool with the aim of removing fake listings.", "takedown"),
        ("The report said that fakes cost thousands of jobs.", "report"),
        ("Her products are still listed on the marketplace.", "listing"),
        ("Its shares jumped after the biggest stock market listing of the year.", "listing"),
        ("She received three letters from the Federal Customs Service.", "complaint"),
        ("About 20 per cent of all seizures involved shoes.", "seizure"),
        (
            "Maria Lopez, head of investigations at the agency, said fakes were rising.",
            "investigation",
        ),
        ("The brand sought damages and an injunction from the court.", "ruling"),
        ("The maximum penalty for selling fakes is a fine of $200,000.", "penalty"),
        ("Customs submitted the handbags for review.", "report"),
        ("Anyone caught faces a possible penalty of two years in jail.", "penalty"),
    ],
)
def test_what_did_not_happen_or_is_no_act_is_no_event(text, kind):
    assert kind not in kinds(text)


def test_an_event_noun_that_frames_an_act_is_that_act():
    text = "Customs seized 3 tonnes of fake tea through a joint operation with Interpol."
    assert kinds(text) == ["seizure"]
    text = "The retailer was called out by a senator in a hearing on fakes."
    assert kinds(text) == ["meeting"]  # the frame says what the rebuke was
    text = "Upon inspection, border officers seized 900 fake phone chargers from the van."
    assert kinds(text) == ["seizure"]  # a sentence-initial "Upon", whatever its tag


def test_a_past_help_is_an_act_but_a_tool_that_helps_is_none():
    assert kinds("Amazon helped the brand remove 5,000 listings.") == ["takedown"]
    assert kinds("The platform launched a tool that helps brands remove listings.") == ["program"]


def stage_events(text, published=None):
    """The event stage alone, on text the metadata stage has not cut a headline from."""
    doc = load_nlp()(text)
    return [e.kind for e in find_events(doc, find_entities(doc), published)]


def test_a_headline_left_in_the_text_is_the_leads_event_told_once():
    text = (
        "Fake watch seller jailed\n\n"
        "A market trader was jailed for two years on Friday for selling fake watches."
    )
    assert stage_events(text) == ["penalty"]
    text = "Brand wins case over fakes\n\nPolice seized 300 fake bags in Leeds."
    assert stage_events(text) == ["ruling", "seizure"]  # the body tells no ruling


def test_an_act_on_a_thing_told_before_is_the_first_telling_at_its_more_precise_date():
    published = PartialDate(2021, 3, 10)  # a Wednesday: last week is 1 to 7 March
    text = (
        "Border officers last week seized 2,000 fake trainers at the port.\n"
        "Officers detained the shipment on Feb. 12 as suspected fakes.\n"
        "Officers seized the shipment on March 4."
    )
    assert events(text, published) == [("seizure", "2021-03-04"), ("seizure", "2021-02-12")]


def test_the_largest_of_several_cases_is_a_new_one_with_the_date_of_its_clause():
    published = PartialDate(2022, 7, 1)
    text = (
        "Customs seized fake goods worth $2 million in a month-long operation. "
        "The largest case was busted on June 14, where officers seized 900 fake watches."
    )
    assert events(text, published) == [("seizure", "2022-06"), ("seizure", "2022-06-14")]


def test_an_undated_act_in_a_dated_story_took_place_in_the_storys_time():
    published = PartialDate(2021, 5, 20)
    text = (
        "Between May 3 and 9, police in Lagos raided 40 shops. "
        "The operation led to 35 arrests. "
        "The trader had previously been fined for selling fake drinks."
    )
    assert events(text, published) == [
        ("seizure", "2021-05"),
        ("prosecution", "2021-05"),
        ("penalty", None),  # told as before the story's time
    ]
    assert [date for _, date in events(text)] == [None, None, None]  # an undated paper


def test_a_lawsuit_told_again_without_a_date_is_the_first_one():
    published = PartialDate(2021, 6, 4)  # a Friday
    text = (
        "Nike sued the online retailer on Friday. "
        "The lawsuit was filed in a federal court in Oregon by Nike and two other brands."
    )
    assert events(text, published) == [("lawsuit", "2021-06-04")]


def test_a_passive_act_with_no_body_named_is_the_storys_body():
    result = extract_text(
        "The Guardia di Finanza seized 500 kg of fake cheese in Parma. Two drivers were arrested."
    )
    seizure, arrest = result.events
    assert arrest.kind == "prosecution"
    assert arrest.regulators == seizure.regulators != []


def test_a_verb_of_several_families_is_read_by_what_it_acts_on():
    assert kinds("The marketplace unveiled a tool for reporting fakes.") == ["program"]
    assert kinds("The customs agency unveiled its annual report on seizures.") == ["report"]
    assert kinds("The watchmaker launched a lawsuit against three resellers.") == ["lawsuit"]


def test_a_question_is_no_fact():
    assert kinds("Why did police raid the market in Lagos?") == []
    assert kinds("Police raided the market in Lagos.") == ["seizure"]


def test_a_hearing_is_a_meeting_of_a_legislature_not_of_a_court():
    assert "meeting" in kinds("The chief executive was questioned at a Senate hearing.")
    assert kinds("The trader entered a guilty plea at an earlier hearing.") == ["prosecution"]


def test_a_warrant_carried_out_is_a_raid():
    assert kinds("Officers executed a search warrant at a flat in Bolton.") == ["seizure"]


def test_a_lawyers_part_in_a_case_is_no_act():
    text = "Ms Okafor, prosecuting for the council, said the goods were fake."
    assert "prosecution" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Customs officers routinely seize fake perfume at the airport.",
        "On an average day, border agents seized 900 fake items.",
        "Seizures of fake toys rose 12 per cent last year.",
    ],
)
def test_what_happens_as_a_rule_and_figures_are_no_event(text):
    assert kinds(text) == []


def test_what_a_body_does_in_the_present_tense_is_no_event_but_its_past_act_is():
    text = (
        "Inspectors seized 800 fake toothbrushes at a depot in Leeds on Monday. "
        "The trading standards team issues warnings to shops and fines repeat offenders."
    )
    assert kinds(text) == ["seizure"]


def test_a_programme_told_in_the_present_tense_is_still_a_programme():
    text = (
        "Officers seized 800 fake toothbrushes last week. "
        "The marketplace screens every new listing with image recognition."
    )
    assert kinds(text) == ["seizure", "program"]


def test_the_day_an_act_was_announced_is_not_the_day_of_the_act():
    published = PartialDate(2021, 11, 26)  # a Friday
    text = "More than 30 people have been arrested across the EU, Europol announced on Thursday."
    assert events(text, published) == [("prosecution", "2021-11")]  # the story's month
    assert events("Police arrested 30 people on Thursday.", published) == [
        ("prosecution", "2021-11-25")
    ]


def test_a_guilty_plea_with_no_body_named_is_before_the_storys_court():
    result = extract_text(
        "A trader was sentenced at Leeds Crown Court. She pleaded guilty to selling fake perfume."
    )
    sentence, plea = result.events
    assert plea.kind == "prosecution"
    assert plea.regulators == sentence.regulators != []
    assert result.regulators[0].kind == "court"


def test_an_event_noun_that_comes_when_an_act_happens_is_that_act():
    text = "The biggest raid came when officers found a workshop making fake perfume."
    assert kinds(text) == ["seizure"]


def test_goods_found_during_the_raids_told_before_are_those_raids():
    text = (
        "Police raided four shops in Leeds on Monday. "
        "Fake watches and bags were found during the raids."
    )
    assert kinds(text) == ["seizure"]


def test_a_body_speaking_through_its_own_report_published_it():
    text = "Amazon said in its annual brand protection report that it blocked 700,000 bad actors."
    assert kinds(text) == ["report"]


def test_speaking_in_a_statement_is_no_report():
    assert kinds("Amazon said in a statement that sales rose.") == []
