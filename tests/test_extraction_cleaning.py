"""Stage 1 on strings: page furniture goes, the story stays."""

import textwrap

from enforcement.extraction.cleaning import clean, is_furniture


def test_keeps_story_paragraphs_in_order():
    raw = 'First paragraph of the story.\r\n\r\nSecond paragraph, with a quote: "Fakes hurt."\r\n'
    assert (
        clean(raw)
        == 'First paragraph of the story.\n\nSecond paragraph, with a quote: "Fakes hurt."'
    )


def test_drops_share_prompts_comment_counts_and_boxes():
    raw = "Customs seized 500 fake watches on Monday.\nLike Us on Facebook\nShare this article\nComments (3)\nMost popular in 24h\nRelated articles:\nThe watches were bound for Rotterdam."
    assert (
        clean(raw)
        == "Customs seized 500 fake watches on Monday.\n\nThe watches were bound for Rotterdam."
    )


def test_drops_copyright_navigation_and_author_email_lines():
    for line in (
        "Copyright ©1999-2018 Example News. All rights reserved.",
        "Reproduction in whole or in part without permission is prohibited.",
        "Home  |  About us  |  Contact us  |  Privacy Policy",
        "Jane Doe jane@example.com writes about trade.",
        "Text: | Print|",
    ):
        assert is_furniture(line), line
    assert not is_furniture("Police said the raid, in the city of Yiwu, found 3,000 bags.")


def test_keeps_a_dateline_even_with_pipes():
    raw = "Police raid warehouses\n\nBy Maria Garcia | Reuters | March 3, 2016\n\nPolice arrested 12 people."
    assert "March 3, 2016" in clean(raw)


def test_drops_photo_captions_and_repeated_teasers():
    raw = (
        "• Brands sue platform over fakes.\n\n"
        "Brands sue platform over fakes. (Photo : Getty Images)\n\n"
        "Three luxury brands have sued an online marketplace."
    )
    assert clean(raw) == "Three luxury brands have sued an online marketplace."


def test_cuts_advertising_that_talks_to_the_reader_at_the_end():
    story = [
        f"Paragraph {word} of the report on seized goods."
        for word in ("one", "two", "three", "four")
    ]
    advert = [
        "Did you know: most small firms can now sell abroad?",
        "Find out how your business can grow.",
        "Ray Shaw",
    ]
    cleaned = clean("\n\n".join(story + advert))
    assert cleaned == "\n\n".join(story)


def test_keeps_a_final_paragraph_on_a_new_subject():
    paragraphs = [
        "Border Force seized 4,000 fake belts at the port.",
        "The belts came from two containers.",
        "Two men were arrested.",
        "They were charged on Friday.",
        "The Anti-Counterfeiting Group welcomed the haul and praised officers.",
    ]
    assert clean("\n\n".join(paragraphs)).endswith("praised officers.")


def test_hard_wrapped_copy_is_rejoined_into_its_paragraphs():
    paragraphs = [
        "Customs seize fake watches",
        (
            "Customs officers at the port of Felixstowe seized 4,000 counterfeit watches bound "
            "for London markets, the agency said on Monday, adding that two men were arrested."
        ),
        "The watches carried the logos of several Swiss brands and were hidden in a container.",
    ]
    wrapped = "\n\n".join(textwrap.fill(p, width=70) for p in paragraphs)
    assert "\n" in wrapped.split("\n\n")[1]  # the copy really is wrapped
    assert clean(wrapped) == "\n\n".join(paragraphs)


def test_a_story_line_that_cites_copyright_law_stays():
    for line in (
        "Officers charged the two vendors under the Copyright Act, police said.",
        "Copyright holders welcomed the ruling against the marketplace.",
    ):
        assert not is_furniture(line), line
    for line in ("Copyright 2021 Example Media Group", "Copyright Example Media Group"):
        assert is_furniture(line), line


def test_a_skip_link_at_the_top_of_the_page_goes():
    raw = "Skip to main content\n\nFake perfume seized at market\n\nOfficers seized 300 bottles."
    assert clean(raw) == "Fake perfume seized at market\n\nOfficers seized 300 bottles."


def test_a_link_to_another_story_inside_this_one_goes():
    raw = (
        "Border officers seized 900 fake phone chargers at the port, the agency said.\n\n"
        "Energy prices:Households face a 12 per cent rise in bills this winter\n\n"
        "The chargers were found in a lorry from Belgium.\n\n"
        "Market slump: Shares of retailers fall for a third week\n\n"
        "Two drivers were questioned."
    )
    assert clean(raw) == (
        "Border officers seized 900 fake phone chargers at the port, the agency said.\n\n"
        "The chargers were found in a lorry from Belgium.\n\n"
        "Two drivers were questioned."
    )


def test_a_headline_with_a_colon_at_the_top_and_a_quote_after_a_colon_stay():
    raw = (
        "Fake medicines: the hidden trade in online pharmacies\n\n"
        "Regulators closed 40 websites selling fake pills.\n\n"
        'The agency\'s director said: "This trade puts lives at risk."'
    )
    assert clean(raw) == raw


def test_a_box_of_links_to_other_stories_goes_with_its_heading():
    raw = (
        "Inspectors seized 2,000 fake toys at a warehouse in Leeds on Tuesday.\n"
        "Related Posts\n"
        "Smugglers jailed over fake vodka haul\n"
        "March 3, 2019\n"
        "A man who sold 4,000 bottles of fake gin has been ordered to pay ...\n"
        "The toys carried the logos of two well-known brands, officers said."
    )
    assert clean(raw) == (
        "Inspectors seized 2,000 fake toys at a warehouse in Leeds on Tuesday.\n\n"
        "The toys carried the logos of two well-known brands, officers said."
    )


def test_comment_tag_and_follow_lines_and_file_photo_captions_go():
    for line in (
        "No Comments",
        "Connect with us",
        "Tags: counterfeit, customs, seizures",
        "Filed under: Crime",
        "Click here to subscribe to our free daily newsletter",
        "Top of page",
    ):
        assert is_furniture(line), line
    raw = (
        "Police raid a market stall selling fake perfume | File Photo\n\n"
        "Police seized 800 bottles of fake perfume from a market stall."
    )
    assert clean(raw) == "Police seized 800 bottles of fake perfume from a market stall."


def test_spaces_a_bad_copy_lost_after_sentences_and_commas_come_back():
    raw = (
        "Police seized 400 fake phones in 2019.The phones came from Shenzhen,and the "
        'shop was closed.An officer said:"We will act."'
    )
    assert clean(raw) == (
        "Police seized 400 fake phones in 2019. The phones came from Shenzhen, and the "
        'shop was closed. An officer said: "We will act."'
    )


def test_names_and_numbers_with_points_keep_them():
    text = "Sales on Amazon.com rose 3.5 per cent, U.S.Customs said, citing the 1,200 cases."
    assert clean(text) == text


def test_wire_notes_sign_offs_and_agency_photo_captions_go():
    raw = (
        "(Adds comment from the ministry in paragraph 6)\n\n"
        "Police officers stand guard outside a warehouse in Lagos, Nigeria. REUTERS/Jane Okafor\n\n"
        "LAGOS (Reuters) - Nigerian customs seized 12 containers of fake drugs, officials said.\n\n"
        "(Reporting by Tom Ade; Editing by Mary Lee)"
    )
    assert clean(raw) == (
        "LAGOS (Reuters) - Nigerian customs seized 12 containers of fake drugs, officials said."
    )
    assert is_furniture("Reporting by Tom Ade; Editing by Mary Lee")
    assert not is_furniture("Reporting by the newspaper showed that 40 shops sold fakes.")
