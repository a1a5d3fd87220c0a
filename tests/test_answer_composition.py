"""How the extractive answerer reads a question and splits and picks sentences; no model needed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pytest

from retrieval.analysis import terms
from retrieval.answering.answer_kinds import AnswerType
from retrieval.answering.candidates import candidates, may_decide
from retrieval.answering.matching import label_share
from retrieval.answering.names_in_documents import names_beyond_hits
from retrieval.answering.pending import names_awaiting_sentence, parts_asking_the_sentence_imposed
from retrieval.answering.preferred import ordinals, preferred
from retrieval.answering.questions import Question
from retrieval.answering.records import (
    asked_fields,
    is_boilerplate,
    is_headline_list,
    is_row,
    listed_headlines,
)
from retrieval.answering.sections import heads_a_cited_section
from retrieval.answering.selection import SelectionSettings, select
from retrieval.answering.sentences import split_sentences
from retrieval.answering.whole_sentences import (
    chunks_for_missing_parts,
    closing_chunk,
    list_lead_ins,
)
from retrieval.answering.withheld_names import describes_without_naming, leaves_the_place_unnamed
from retrieval.answering.withheld_parts import WithheldParts
from retrieval.answering.words import has_word
from retrieval.document_text import ChunkRow, ChunkSpan, TextWindow, assemble
from retrieval.search import Hit
from tests.hits import hit


def kinds(question: str) -> list[AnswerType]:
    return [aspect.kind for aspect in Question.parse(question).aspects]


def answered(question: str, sentence: str) -> set[int]:
    return set(Question.parse(question).aspects_answered_by(sentence, terms(sentence)))


def flat_idf(query_terms: Sequence[str]) -> dict[str, float]:
    return dict.fromkeys(query_terms, 1.0)


def parts_where(
    question: Question, hits: Sequence[Hit], marker: str
) -> list[tuple[str, frozenset[int]]]:
    """The document and the parts answered of each candidate sentence holding ``marker``."""
    found = candidates(question, hits, flat_idf(question.terms + question.key_terms))
    return [(c.document_id, c.parts) for c in found if marker in c.text]


def decides(question: Question, text: str) -> bool:
    """Some sentence of ``text``, as a retrieved chunk, may decide that ``question`` is
    answered."""
    weights = flat_idf(question.terms + question.key_terms)
    return any(may_decide(question, c) for c in candidates(question, [hit(text)], weights))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "What sentence did Justin DeMatteo receive, and how much restitution?",
            [AnswerType.PRISON_SENTENCE, AnswerType.MONEY],
        ),
        ("How many months in prison did Igor Borodin get?", [AnswerType.PRISON_SENTENCE]),
        ("How much prison time did Luis Torres get?", [AnswerType.PRISON_SENTENCE]),
        ("What sentence did Judge Limbaugh impose on Adama Kane?", [AnswerType.PRISON_SENTENCE]),
        (
            "To what date was Adama Kane's sentencing reset, and who is his lead defense attorney?",
            [AnswerType.DATE, AnswerType.PERSON],
        ),
        (
            "What is the registration number and registration date of the BURGER ADDICT mark?",
            [AnswerType.NUMBER, AnswerType.DATE],
        ),
        ("How many units of counterfeit perfume did they import?", [AnswerType.COUNT]),
        ("What were the defendants in the press release charged with?", [AnswerType.ANY]),
        (
            "Which section of the Clean Water Act was Orla Quist charged under?",
            [AnswerType.STATUTE],
        ),
        ("What anti-counterfeiting law did Congress pass in 2006?", [AnswerType.STATUTE]),
        ("What legislation created that offense?", [AnswerType.STATUTE]),
        ("Which two Brightfield Tire Works engineers were charged?", [AnswerType.PERSON]),
        ("Which former Tacoma Rainiers relief pitcher signed a plea deal?", [AnswerType.PERSON]),
        (
            "Besides the company itself, which individuals were indicted over the stolen code?",
            [AnswerType.PERSON],
        ),
        ("Out of the hair dryers seized at his house, how many were fakes?", [AnswerType.COUNT]),
        (
            "How did the Tacoma case against Vantor Devices Co. and Vantor Devices USA over "
            "Meridian Wireless's 'Pokey' test robot end: conviction, plea deal or dismissal?",
            [AnswerType.OUTCOME],
        ),
        (
            "Did Orla Quist end up being convicted on the false statement charge?",
            [AnswerType.OUTCOME],
        ),
        ("What ultimately happened to Orla Quist after the indictment?", [AnswerType.OUTCOME]),
        ("What was the verdict in Orla Quist's trial?", [AnswerType.OUTCOME]),
        (
            "What did the judge give Orla Quist at sentencing for the fake flea collars?",
            [AnswerType.PRISON_SENTENCE],
        ),
        ("What's the statutory maximum Orla Quist was looking at?", [AnswerType.PRISON_SENTENCE]),
        ("What is the minimum dollar amount of security the owner must post?", [AnswerType.MONEY]),
        ("Hey, can you tell me when Orla Quist was sentenced?", [AnswerType.DATE]),
        ("do you know who owns the Brightfield mark?", [AnswerType.PERSON]),
        ("Please tell me how many airbags were seized.", [AnswerType.COUNT]),
        (
            "How many fake scanners did Quist sell? I need a unit count, not the dollar figure.",
            [AnswerType.COUNT],
        ),
        ("By what deadline did the agency have to start the campaign?", [AnswerType.DATE]),
        ("What is the statute of limitations for the offense?", [AnswerType.DURATION]),
        (
            "On what date was the QUILLMARK mark (serial no. 87000001) registered?",
            [AnswerType.DATE],
        ),
        (
            "What sentence did Orla Quist get in case No. 4:17-cr-00367?",
            [AnswerType.PRISON_SENTENCE],
        ),
        ("What is the serial number of the QUILLMARK mark?", [AnswerType.NUMBER]),
        (
            "What prison exposure and fine did Orla Quist acknowledge in her plea deal?",
            [AnswerType.PRISON_SENTENCE, AnswerType.MONEY],
        ),
        (
            "What conduct by such a supplier exposes it to treble damages under the Act?",
            [AnswerType.ANY],
        ),
    ],
)
def test_a_question_names_the_kinds_of_answer_it_asks_for(
    question: str, expected: list[AnswerType]
) -> None:
    assert kinds(question) == expected


def test_a_leading_when_clause_is_context_not_a_part() -> None:
    question = Question.parse(
        "When Peter Picone pleaded guilty to conspiracy, what date was set for his sentencing?"
    )

    assert [aspect.kind for aspect in question.aspects] == [AnswerType.DATE]
    assert question.aspects[0].cue >= set(terms("sentencing"))
    assert not question.aspects[0].cue & set(terms("pleaded guilty"))


def test_a_leading_piece_that_asks_which_is_a_part_not_context() -> None:
    question = Question.parse(
        "In which country was Dana Vole arrested before her extradition, what was her title?"
    )

    assert [aspect.kind for aspect in question.aspects] == [AnswerType.PLACE, AnswerType.ANY]
    assert answered(question.text, "Vole was arrested in Ostland on May 4, 2019.") == {0}
    title = "Dana Vole is a Deputy Division Director with the Ostland Security Bureau."
    assert answered(question.text, title) == {1}
    assert answered(question.text, "Vole ran the scheme from her garage for six years.") == set()
    relative = Question.parse(
        "In the Marlow case, in which a seller conspired with people in Ostland, how many pills "
        "were found?"
    )
    assert [aspect.kind for aspect in relative.aspects] == [AnswerType.COUNT]


def test_context_set_off_by_a_dash_is_not_what_a_part_asks() -> None:
    question = Question.parse(
        "Dana Vole was arrested in Ostland for shipping fake brake pads - when was she extradited?"
    )
    arrest = "Vole was arrested in Ostland on May 4, 2019, for shipping fake brake pads."

    assert [aspect.kind for aspect in question.aspects] == [AnswerType.DATE]
    assert question.names == (("dana", "vole"),)
    assert answered(question.text, arrest) == set()
    assert answered(question.text, "She was extradited on June 9, 2020.") == {0}


def test_all_before_a_colon_a_question_follows_is_its_topic() -> None:
    question = Question.parse(
        "Regarding pirate Dana Vole, whom the minister named in June: how much software did her "
        "website sell, and what is the maximum penalty she faces?"
    )

    assert [aspect.kind for aspect in question.aspects] == [AnswerType.COUNT, AnswerType.ANY]
    assert question.names == (("dana", "vole"),)
    assert answered(question.text, "The minister named Vole in a speech in June.") == set()


def test_a_message_is_read_from_its_first_sentence_that_asks() -> None:
    question = Question.parse("I'm working the Quist referral today. When was she sentenced?")

    assert [aspect.kind for aspect in question.aspects] == [AnswerType.DATE]
    assert "quist" in question.key_terms
    assert kinds(
        "Quist pleaded to a new offense, which was rare then. What legislation created it?"
    ) == [AnswerType.STATUTE]


def test_legislation_is_answered_by_the_act_that_enacted_it() -> None:
    question = "What legislation created that provision?"

    assert answered(
        question, "The provision was enacted as part of the Coastal Shipping Security Act of 2011."
    ) == {0}
    assert (
        answered(question, "The provision was cited in the Coastal Shipping Security Act.") == set()
    )


def test_a_place_or_a_public_body_does_not_answer_who_or_which_brand_unless_asked_for() -> None:
    brands = "Which fragrance brands were on the perfume Ming Huang imported?"
    court = "Which court heard the perfume case?"

    assert (
        answered(
            brands, "Ming Huang, of Guangdong Province, imported fake perfume of several brands."
        )
        == set()
    )
    assert answered(brands, "Ming Huang's perfume bore the fragrance brand Maison Lumiere.") == {0}
    assert answered(court, "The perfume case was heard in the Federal District Court.") == {0}


def test_a_town_before_its_state_and_a_numbered_class_name_no_one() -> None:
    question = "Who are the three other defendants charged along with Mara Quist?"
    town = "Officials flew to San Jose, California, to meet with Quist and other conspirators."
    drug = "Fentanyl, a Schedule II controlled substance, was pressed into the pills."

    assert answered(question, town) == set()
    assert answered("Who made the pills for the Oakland couple?", drug) == set()
    assert answered(question, "Quist was charged along with Tomas Brandt and Ilse Varga.") == {0}


def test_a_bare_when_of_when_and_where_asks_the_date_of_the_deed_that_follows() -> None:
    question = "When and where was Ilse Varga arrested in the fake perfume case?"

    assert answered(question, "Varga prepared a business plan in 2006 and 2007.") == set()
    arrest = "Varga was arrested on May 16, 2015, upon landing at Dulles International Airport."
    assert answered(question, arrest) == {0, 1}


def test_who_was_set_to_sentence_asks_for_a_judge_and_a_bare_date_for_the_day_set() -> None:
    question = "Who was set to sentence Dana Vole for selling fake perfume, and on what date?"
    scheduled = "Vole is scheduled to be sentenced by U.S. District Judge Mara Quill on June 3."
    earlier = "On May 30, 2019, Vole traveled to Topeka to buy the fake perfume."

    assert kinds(question) == [AnswerType.PERSON, AnswerType.DATE]
    assert answered(question, scheduled) == {0, 1}
    assert answered(question, earlier) == set()


def test_what_that_company_is_called_asks_for_its_name() -> None:
    question = "When did Vole join the Kingsport firm, and what is that company called?"

    assert kinds(question) == [AnswerType.DATE, AnswerType.PERSON]


def test_the_counts_a_question_tells_of_do_not_keep_a_judge_from_answering_who() -> None:
    question = (
        "Which judge resentenced Dana Vole after the appeals court reversed one of his "
        "counterfeit drug counts?"
    )
    resentenced = (
        "Judge Mara Quill gave Vole the same sentence, as the sentence imposed on the reversed "
        "count of conviction did not affect it."
    )

    assert answered(question, resentenced) == {0}


def test_a_month_after_a_word_opening_the_sentence_is_no_one_s_name() -> None:
    question = "What was the name of the Harwick employee who worked undercover with the FBI?"
    since = "Since July of 1989 the defendants have worked against Harwick and its employees."

    assert answered(question, since) == set()
    assert answered(question, "The Harwick employee, Carl Pruett, worked undercover.") == {0}


def test_an_official_titled_after_a_suffix_to_his_name_answers_no_other_who() -> None:
    question = "Which cigarette brand did Dana Vole sell?"
    announced = (
        "Carl M. Pruett, III, United States Attorney for the District of Delaware, announced "
        "that Vole sold counterfeit cigarettes."
    )

    assert answered(question, announced) == set()
    assert answered(question, "Vole sold counterfeit Harwick Gold cigarettes.") == {0}


def test_the_names_of_websites_asked_for_are_their_addresses() -> None:
    question = "What were the names of the two websites Dana Vole used to sell fake perfume?"

    assert kinds(question) == [AnswerType.WEB_ADDRESS]
    assert answered(question, "Vole sold the perfume through two websites in Oregon.") == set()
    assert answered(question, "Vole sold it on scentvault.com and perfumebarn.net.") == {0}
    assert kinds("What were the names of the two sellers?") == [AnswerType.PERSON]
    address = "What was the name or web address of the site Dana Vole used to sell fake perfume?"
    assert kinds(address) == [AnswerType.WEB_ADDRESS]
    assert answered(address, "Vole used the Internet to sell counterfeit perfume.") == set()


def test_where_someone_was_arrested_is_not_answered_by_where_he_was_charged() -> None:
    question = "Where was Ilse Varga arrested in the fake perfume case?"

    charged = "Varga has been charged in the United States with selling fake perfume."
    assert answered(question, charged) == set()
    assert answered(question, "Varga was arrested at Dulles International Airport.") == {0}
    assert answered("Where was the fake perfume made?", "It was made in Shenzhen, China.") == {0}


def test_which_countries_asks_for_countries_by_name() -> None:
    question = "Which foreign countries has the Secretary picked for technical assistance?"

    assert kinds(question) == [AnswerType.PLACE]
    vague = "The Secretary shall provide technical assistance to authorities of foreign countries."
    assert answered(question, vague) == set()
    assert answered(question, "Technical assistance went to Vietnam and Peru.") == {0}


def test_a_statute_or_an_order_answers_when_with_days_counted_from_an_event() -> None:
    question = "When does the hearing on the seizure order have to take place?"

    assert answered(
        question, "The hearing shall be held not sooner than ten days after the order is issued."
    ) == {0}
    assert answered(question, "The hearing shall be held before the court that issued it.") == set()
    interest = "From what date does prejudgment interest run on the award?"
    assert answered(
        interest, "The court may award prejudgment interest beginning on the date of service."
    ) == {0}
    assert answered(interest, "The court may award prejudgment interest at a yearly rate.") == set()


def test_a_part_is_answered_only_by_its_kind_of_thing_about_its_cue() -> None:
    question = "To what date was Adama Kane's sentencing reset, and who is his lead attorney?"

    assert answered(question, "Sentencing reset for 6/13/2018 before Judge Limbaugh.") == {0}
    assert answered(question, "Guilty plea agreement filed on 2/15/2018.") == set()
    assert answered(question, "Andrew Sottile, lead attorney, attorney to be noticed.") == {1}


def test_an_imposed_prison_term_answers_but_a_maximum_only_when_asked() -> None:
    imposed = "Judge Gilmore handed him a 10-month-term of imprisonment, with five months at home."
    maximum = "Lance faces a maximum of 10 years in prison and a $250,000 fine."

    assert answered("What prison term did Shane Lance receive?", imposed) == {0}
    assert answered("What prison term did Shane Lance receive?", maximum) == set()
    assert answered("What is the maximum prison term he faces?", maximum) == {0}
    expected = "Under the plea deal he is expected to be sentenced to eight years in state prison."
    assert answered("What prison term did Shane Lance receive?", expected) == set()
    secured = (
        "The team secured the conviction and 45-year sentence of Shane Lance, who billed "
        "insurers so that he could profit."
    )
    assert answered("What sentence did Shane Lance receive?", secured) == {0}


def test_what_a_cited_section_sets_is_the_most_it_allows() -> None:
    rule = "(1) shall be imprisoned not more than 4 years, or fined not more than $90,000;"
    by_reference = "(1) shall be imprisoned not more than 4 years, or fined under this title;"

    assert answered("What prison term and fine does 18 U.S.C. 2390(b) set?", rule) == {0, 1}
    assert answered("What prison term and fine did Shane Lance receive?", rule) == set()
    assert answered("What prison term and fine does 18 U.S.C. 2390(b) set?", by_reference) == {0}


def test_an_amount_said_to_be_of_another_kind_of_money_is_no_fine() -> None:
    question = "What maximum dollar fine does 18 U.S.C. 2390(c)(1) set?"
    retail_value = (
        "(1) shall be imprisoned not more than 3 years, or fined in the amount set forth in this "
        "title, or both, if the offense involves 10 or more copies which have a total retail "
        "value of $2,500 or more;"
    )
    rule = "(1) shall be fined not more than $250,000, or imprisoned not more than 5 years;"

    assert answered(question, retail_value) == set()
    assert answered(question, rule) == {0}
    assert answered(
        "How much restitution was Shane Lance ordered to pay?",
        "Lance was fined $5,000 and ordered to pay restitution of $20,000.",
    ) == {0}


def test_what_a_penalty_is_asks_for_a_term_an_amount_or_a_measure_of_one() -> None:
    question = "What maximum statutory penalty does each charge against Shane Lance carry?"
    table_lost = "The maximum statutory penalty for each charge against Lance is as follows:"
    given = "Each charge against Lance carries a maximum statutory penalty of 15 years in prison."
    measure = "Whoever aids shall be liable to a penalty equal to the value of the articles."

    assert answered(question, table_lost) == set()
    assert answered(question, given) == {0}
    assert answered("What penalty does a person who aids face under 19 U.S.C. 1595a?", measure) == {
        0
    }
    assert answered("Is the adjusted sum a penalty?", table_lost) == {0}


def test_a_percentage_asked_for_is_given_as_one() -> None:
    rule = (
        "The court may award prejudgment interest at an annual interest rate established "
        "under section 6621(a)(2) of title 26."
    )

    assert answered("What is the annual percentage rate of prejudgment interest?", rule) == set()
    assert answered("What statutory interest rate applies to prejudgment interest?", rule) == {0}
    assert answered(
        "By what percentage had the prejudgment interest claims grown?",
        "Prejudgment interest claims had grown by 43% since 2004.",
    ) == {0}


def test_a_term_of_non_consecutive_years_is_a_term() -> None:
    sentence = (
        "He faces seven counts of aggravated identity theft, which each carries a mandatory "
        "sentence of two non-consecutive years in prison."
    )

    assert answered("What sentence does each aggravated identity theft count carry?", sentence) == {
        0
    }


def test_when_someone_flew_is_answered_by_when_they_travelled() -> None:
    question = "On what date did Shane Lance fly from China into O'Hare with the source code?"

    assert answered(
        question, "On Nov. 18, 2015, Lance traveled from China to O'Hare International Airport."
    ) == {0}


def test_who_has_standing_is_whoever_the_statute_lets_bring_the_action() -> None:
    question = "Under the false advertising provision, who has standing to bring a civil action?"
    rule = (
        "(B) in commercial advertising, misrepresents the origin of his goods, shall be liable "
        "in a civil action by any person who believes that he is likely to be damaged by such act."
    )

    assert answered(question, rule) == {0}
    assert answered(question, "Any State shall be subject to the provisions of this chapter.") == (
        set()
    )
    burden = (
        "In a civil action for trade dress infringement, the person who asserts trade dress "
        "protection has the burden of proving that the matter is not functional."
    )
    assert answered("Who has to prove that the design is not functional?", burden) == {0}


def test_the_story_a_question_opens_with_is_not_held_against_the_rule_it_asks_about() -> None:
    story = "A competitor sells olive oil labelled as Italian though it is pressed in Tunisia."
    asked = "Who may bring a civil action against it?"
    rule = (
        "(B) misrepresents the origin of his goods, shall be liable in a civil action by any "
        "person who believes that he is likely to be damaged by such act."
    )

    def coverage(text: str) -> float:
        question = Question.parse(text)
        found = candidates(question, [hit(rule)], flat_idf(question.terms + question.key_terms))
        return found[0].document.term_coverage

    # Of "may bring civil action against" and the story's names, Italian and Tunisia, the rule
    # holds "civil" and "action": two of seven, not two of the whole message's fourteen.
    assert coverage(f"{story} {asked}") == pytest.approx(2 / 7)
    assert coverage(asked) == pytest.approx(2 / 5)


def test_a_plea_deal_exposure_is_a_maximum_he_faces() -> None:
    faces = "Lance acknowledges that he is facing up to 78 months in prison and a $1 million fine."

    assert answered("What prison exposure and fine did Shane Lance acknowledge?", faces) == {0, 1}


def test_an_amount_each_is_the_price_asked_for() -> None:
    question = "At what price per bottle was Shane Lance selling the fake perfume?"

    assert answered(question, "He was offering the bottles for just $4.50 each.") == {0}
    assert answered(question, "Agents seized $4,500 from his home.") == set()


def test_money_of_another_kind_does_not_answer() -> None:
    question = "What fine was Rosario La Marca ordered to pay?"

    assert answered(question, "He was ordered to pay a $10,000 fine.") == {0}
    assert answered(question, "He was ordered to pay $5,100 in restitution.") == set()


def test_restitution_someone_is_expected_to_pay_is_none_ordered() -> None:
    question = "What restitution was Robert Smyrak ordered to pay?"
    expected = (
        "He is expected to be sentenced to eight years in state prison and ordered to pay "
        "$201,000 restitution at his sentencing July 15."
    )
    imposed = "He was sentenced to eight years and ordered to pay $201,000 restitution."
    faces = "Smyrak faces up to five years and $250,000 in restitution and fines."

    assert answered(question, expected) == set()
    assert answered(question, faces) == set()
    assert answered(question, imposed) == {0}
    assert answered(question, "The judge ordered Smyrak to pay $201,000 in restitution.") == {0}
    assert answered("What fine could Smyrak face at most?", faces) == {0}
    maximum_imposed = "The court imposed the maximum statutory fine of $1.5 million on Smyrak."
    assert answered("What fine did the court impose on Smyrak?", maximum_imposed) == {0}


def test_a_verdict_a_sentence_only_supposes_is_none() -> None:
    question = "Did Haitao Xiang go to trial, and what was the verdict?"

    assert (
        answered(question, "If convicted, each charge carries up to 15 years in prison.") == set()
    )
    assert answered(question, "A defendant is presumed innocent unless convicted.") == set()
    assert answered(question, "A federal jury convicted Xiang on all counts.") == {1}


def test_a_bond_amount_is_money_and_which_office_asks_for_a_person() -> None:
    bond = "What bond amount was set when Xiaoqing Zheng was released?"
    assert kinds(bond) == [AnswerType.MONEY]
    assert answered(bond, "Zheng was released on a $50,000 bond.") == {0}
    assert answered(bond, "Zheng was released with conditions pending a trial.") == set()
    assert answered(bond, "The charge carries a fine of up to $250,000.") == set()

    introduced = "Which U.S. Attorney introduced Holder at the summit?"
    assert kinds(introduced) == [AnswerType.PERSON]
    assert answered(introduced, "Thank you, U.S. Attorney Dave Capp, for your kind words.") == {0}
    assert kinds("Which ICE director stood next to Holder?") == [AnswerType.PERSON]


def test_a_sentence_naming_another_defendant_by_age_is_no_answer_about_the_one_asked() -> None:
    question = "What sentences did Michael and Robert Edman get for the counterfeit routers?"
    other = "In the Northern District of Georgia, Todd Richard, 33, was sentenced to 36 months."

    assert answered(question, other) == set()
    assert answered(question, "Robert Edman, 45, was sentenced to 36 months in prison.") == {0}
    assert answered(question, "He was sentenced to 36 months in prison.") == {0}
    others = "What sentences did the co-defendants of Robert Edman get?"
    assert answered(others, other) == {0}
    restitution = "How much restitution was Robert Edman ordered to pay?"
    assert answered(restitution, "Edman must pay $5,100 in restitution to Quill Goods.") == {0}


def test_the_date_of_a_filing_is_of_the_filing_asked_about() -> None:
    answer = "When did Orla Quist file her answer to the complaint?"
    declaration = "On what date did Quill Goods file the Section 8 declaration for QUILLMARK?"

    assert answered(answer, "#1 2017-02-14: COMPLAINT filed by Plaintiff Quill Goods.") == set()
    assert answered(answer, "#12 2017-04-03: ANSWER to Complaint filed by Orla Quist.") == {0}
    assert answered(declaration, "Filing date: 2011-05-31") == set()
    assert answered(declaration, "2017-06-01 SECTION 8 DECLARATION FILED") == {0}
    case = "When was the case filed in the file system theft case?"
    assert answered(case, "Date filed: 2017-02-13") == {0}


def test_a_count_counts_the_things_asked_about_not_dollars_or_years() -> None:
    question = "How many counterfeit programmed keys did Katiran Lee sell?"

    assert answered(question, "Lee sold over 35,000 counterfeit programmed keys and fobs.") == {0}
    assert answered(question, "He sold more than $3 million worth of counterfeit devices.") == set()
    assert answered(question, "In 2011 keys were seized.") == set()


def test_how_many_were_arrested_and_what_was_seized_are_told_as_deeds_done() -> None:
    question = (
        "In Operation Nightjar, how many people were arrested, how much in cash was seized, "
        "and how many guns were taken?"
    )

    arrests = "The operation resulted in the arrest of 212 dark web vendors in nine countries."
    assert answered(question, arrests) == {0}
    seizures = "It led to the seizure of over $4.1 million in cash and 51 firearms."
    assert answered(question, seizures) == {1, 2}
    assert answered(question, "The 2019 operation ran in 14 countries.") == set()


def test_who_was_picked_is_answered_by_whose_selection_is_told() -> None:
    question = (
        "Who was picked in mid-2003 as acting head of the Justice Department's Civil Division, "
        "amid talk of a lawsuit?"
    )
    sentence = "Reno spoke of the selection of Dana Whitcombe as acting head of the Civil Division."

    assert answered(question, sentence) == {0}


def test_a_count_is_of_the_thing_how_many_names_not_of_another_thing_described_alike() -> None:
    scanners = "How many counterfeit diagnostic scanners did Orla Quist sell?"
    people = "How many people were charged in the scheme?"

    assert answered(scanners, "Quist sold 1,200 counterfeit diagnostic scanners.") == {0}
    assert answered(scanners, "Quist also sold over 35,000 counterfeit programmed keys.") == set()
    assert answered(people, "Five defendants were charged in the scheme.") == {0}
    treaty = "How many customs agencies have joined the Customs Agency Compact on labels?"
    assert Question.parse(treaty).aspects[0].counted == {"agenc"}
    assert answered(treaty, "Over 40 customs agencies have joined the compact.") == {0}
    assert answered(treaty, "The Customs Agency Compact has 12 articles on labels.") == set()


def test_how_many_domain_names_counts_names_not_a_step_taken_in_seizing_them() -> None:
    question = "How many domain names were seized in Operation Quill Sweep?"

    assert answered(question, "In Operation Quill Sweep, 41 domain names were seized.") == {0}
    sentence = "Seizing the domain names was one big step, and seizing their proceeds another."
    assert answered(question, sentence) == set()


def test_a_registration_number_is_not_a_date() -> None:
    question = "What is the registration number of the ULTRABOOK trademark?"

    assert answered(question, "Registration number: 4281391") == {0}
    assert answered(question, "2018-08-27 CNSAO: APPROVED FOR PUB - PRINCIPAL REGISTER") == set()


def test_a_record_field_label_that_names_the_part_scores_highest() -> None:
    part = Question.parse("Who is the registrant of MYSQL, and on what date was it registered?")
    asked_date = part.aspects[1]

    assert label_share(asked_date, "Registration date: 2003-05-06") == 1.0
    assert label_share(asked_date, "Filing date: 2001-01-30") == 0.5
    assert label_share(asked_date, "The mark was registered on 2003-05-06.") == 0.0


def test_records_and_dockets_split_into_their_lines() -> None:
    record = (
        "Owners of ULTRABOOK (Reg. No. 4281391):\n"
        "Current owner: Intel Corporation\n"
        "Intel Corporation — ORIGINAL REGISTRANT; OWNER AT PUBLICATION\n"
        "  Entity: CORPORATION, incorporated in DE, US\n"
        "Address: P.O. Box 488, Pittsburgh, PENNSYLVANIA, US, 15230 is a long address line"
    )
    docket = (
        "02/15/2018 | 42 | GUILTY PLEA AGREEMENT by USA, Adama Kane as to Adama Kane (Entered:"
        " 02/16/2018)\n03/30/2018 | 46 | SCHEDULING ORDER as to Adama Kane Sentencing reset"
    )

    assert [s.text.split("\n")[0] for s in split_sentences(record)] == [
        "Owners of ULTRABOOK (Reg. No. 4281391):",
        "Current owner: Intel Corporation",
        "Intel Corporation — ORIGINAL REGISTRANT; OWNER AT PUBLICATION",
        "Address: P.O. Box 488, Pittsburgh, PENNSYLVANIA, US, 15230 is a long address line",
    ]
    assert len(split_sentences(docket)) == 2


def test_a_chunk_opening_in_the_middle_of_a_line_does_not_cut_its_first_sentence() -> None:
    chunk = (
        "At sentencing, Roe faces a maximum sentence\n"
        "of five years in prison and a $250,000 fine on the conspiracy charge.\n"
        "Sentencing hearing date\n"
        "Roe will be sentenced in May."
    )

    assert [s.text.replace("\n", " ") for s in split_sentences(chunk)] == [
        "At sentencing, Roe faces a maximum sentence of five years in prison and a $250,000"
        " fine on the conspiracy charge.",
        "Sentencing hearing date",
        "Roe will be sentenced in May.",
    ]


def test_a_dash_opening_a_wrapped_line_goes_on_the_sentence_and_a_list_item_does_not() -> None:
    release = (
        "Vole admitted that while employed at Marlow Seeds he copied one of the firm's formulas\n"
        "- a step in the coating of a new seed line, which he later handed to another person,\n"
        "specifically a buyer at Eastport Agronomy Institute. Items seized:\n"
        "- a laptop holding the formulas\n"
        "- two notebooks of test results"
    )

    assert [s.text.replace("\n", " ") for s in split_sentences(release)] == [
        "Vole admitted that while employed at Marlow Seeds he copied one of the firm's formulas"
        " - a step in the coating of a new seed line, which he later handed to another person,"
        " specifically a buyer at Eastport Agronomy Institute.",
        "Items seized:",
        "- a laptop holding the formulas",
        "- two notebooks of test results",
    ]


def test_to_whom_something_went_may_be_a_body_and_passing_it_on_is_said_otherwise() -> None:
    handed = (
        "He later disseminated the formula to another person, a student at Eastport University."
    )

    assert answered("Vole copied a seed formula. To whom did he pass it?", handed) == {0}
    assert answered("Who passed the formula on?", handed) == set()


def test_a_closing_quote_a_pdf_renders_as_a_letter_still_ends_the_sentence() -> None:
    text = "The box held 1,025 DVDs labeled aBaby Tunes.a On May 2, an agent from ICE came."

    assert [s.text for s in split_sentences(text)] == [
        "The box held 1,025 DVDs labeled aBaby Tunes.",
        "On May 2, an agent from ICE came.",
    ]


def test_a_curly_closing_quote_ends_the_sentence_before_it() -> None:
    text = "\u201cFakes cost lives,\u201d Vega said of the pills.\u201d In March 2019, agents came."

    assert [s.text for s in split_sentences(text)] == [
        "\u201cFakes cost lives,\u201d Vega said of the pills.",
        "In March 2019, agents came.",
    ]


def test_a_bill_number_does_not_end_a_sentence() -> None:
    text = "Congress passed the Fake Goods Act, H.R. 77, in May. It took effect in June."

    assert [s.text for s in split_sentences(text)] == [
        "Congress passed the Fake Goods Act, H.R. 77, in May.",
        "It took effect in June.",
    ]


def test_each_sentence_is_a_candidate_once_with_the_parts_it_answers() -> None:
    release = (
        "John Doe was sentenced today to 37 months in federal prison. "
        "He was also ordered to pay $1.2 million in restitution. "
        "Doe sold counterfeit routers."
    )
    question = Question.parse("What sentence did John Doe receive, and how much restitution?")

    weights = flat_idf(question.terms + question.key_terms)
    found = candidates(question, [hit(release), hit(release, chunk="d2:0")], weights)

    assert [sorted(c.parts) for c in found] == [[0], [1], []]
    assert all(c.hit.chunk_id == "d1:0" for c in found)
    restitution = found[1]
    assert restitution.context_key_coverage == 1.0
    assert restitution.values == {"$1.2 million"}


def test_who_is_not_answered_by_an_official_named_by_title_unless_asked() -> None:
    question = "Who was sentenced for selling counterfeit airbags, and which judge imposed it?"
    judge = "U.S. District Judge Renata Okafor imposed a sentence of 46 months."

    assert answered(question, judge) == {1}
    assert answered(question, "Marcus Hale, 38, was sentenced today for it.") == {0}
    officials = (
        "The sentence was announced by Director Ilsa Varga of the Marlow Police and Special "
        "Agent Piet Lund of the Defense Criminal Service (DCS) of the U.S. Department of Defense, "
        "and Judge Renata Okafor."
    )
    assert answered(question, officials) == {1}


def test_which_judge_is_answered_only_by_a_name_titled_judge() -> None:
    question = "Which judge sentenced Dana Vole in the Marlow handbag case?"
    seizure = "Dana Vole was sentenced for the fakes police seized at two Diem Phuong stores."

    assert answered(question, seizure) == set()
    assert answered(question, "Superior Court Judge Ann Lee sentenced Dana Vole to a year.") == {0}


def test_a_judge_titled_by_district_is_named_by_a_dockets_assignment_field() -> None:
    question = "Which judge was assigned to the counterfeit goods prosecution of Adama Kane?"

    assert answered(question, "Assigned to: District Judge Orla N. Brandt, Jr") == {0}


def test_when_something_may_be_done_asks_on_what_condition() -> None:
    question = "Who must prove the costs, and when can the court award attorney fees?"
    statute = "The court in exceptional cases may award reasonable attorney fees."

    assert kinds(question)[1] is AnswerType.ANY
    assert answered(question, statute) == {1}
    assert kinds("When was she sentenced?") == [AnswerType.DATE]


def test_a_prison_term_the_question_gives_is_not_asked_for() -> None:
    question = "What brand of rowing machines was the Marlow man sentenced to 2½ years importing?"

    assert AnswerType.PRISON_SENTENCE not in kinds(question)
    assert kinds("How long was the Marlow man sentenced to?") == [AnswerType.PRISON_SENTENCE]
    named = "What was the name of the Marlow man who received a 10-year sentence for the scam?"
    assert kinds(named) == [AnswerType.PERSON]
    the_term = "What is the name of the Marlow programmer who got the 97-month sentence?"
    assert kinds(the_term) == [AnswerType.PERSON]
    whose = "Which Marlow County judge imposed Dana Vole's 180-day jail sentence for the fakes?"
    assert kinds(whose) == [AnswerType.PERSON]
    assert kinds("What was Dana Vole's jail sentence for the fakes?") == [
        AnswerType.PRISON_SENTENCE
    ]


def test_a_quoted_phrase_must_be_said_by_the_answer() -> None:
    question = 'How does the statute define "commercial advantage" for copyright crimes?'

    assert answered(question, "(b) As used in this section, copyright crimes are defined.") == set()
    assert answered(
        question, 'The term "commercial advantage" is defined as any gain from copyright crimes.'
    ) == {0}


def test_a_name_after_in_is_where_not_who() -> None:
    question = "Which company was charged with stealing the memory chip designs?"
    described = (
        "A grand jury in San Jose returned an indictment charging a Taiwan company with "
        "stealing the memory chip designs."
    )
    named = "A grand jury in San Jose charged Ostland Memory, a Taiwan company, with it."

    assert answered(question, described) == set()
    assert answered(question, named) == {0}


def test_which_company_is_answered_by_a_corporation_named() -> None:
    assert answered(
        "Which company was indicted for stealing the chip designs?",
        "Ostland Memory Corporation was indicted for stealing the chip designs.",
    ) == {0}


def test_a_one_word_firm_name_is_a_name_when_the_sentence_calls_it_a_company() -> None:
    question = "The speech mentioned a German saw maker hit by fake spare parts. Which company?"

    assert answered(question, "Saws made by Brakka, a company based in Germany, were faked.") == {0}
    assert answered(question, "Saws made in Germany, a country of makers, were faked.") == set()


def test_a_records_name_written_surname_first_answers_its_field() -> None:
    question = "Who filed the LUMORA application, and which examining attorney handled it?"

    assert answered(question, "Examining attorney: VARGA, ILSA M") == {1}
    assert answered(question, "Status: ABANDONED, NO RESPONSE") == set()


def test_an_official_by_title_answers_who_did_the_deed_said_to_be_done_by_them() -> None:
    chairing = "Who was chairing the department's counterfeit-parts task force in June?"
    chaired = (
        "The task force, chaired by the Acting Deputy Attorney General Marta Quist, met in June."
    )
    sentenced = "Who was sentenced for the counterfeit airbags?"

    assert answered(chairing, chaired) == {0}
    assert answered("Who chaired the task force when the plan was announced?", chaired) == {0}
    assert answered(sentenced, "He was sentenced by Acting U.S. District Judge Ann Lee.") == set()


def test_who_is_not_answered_by_a_name_the_question_already_holds() -> None:
    question = "Which company hired Lena Ortiz after she left the Brightwater Rail plant?"

    assert (
        answered(question, "The company hired Lena Ortiz after the Brightwater Rail move.") == set()
    )
    assert answered(question, "The FBI said the company hired Lena Ortiz.") == set()
    assert answered(question, "Corvane Systems hired Lena Ortiz in 2019.") == {0}
    others = "Who are the other defendants indicted with Lena Ortiz in the Harlow University case?"
    described = (
        "On May 16, 2015, Harlow University Professor Lena Ortiz was arrested on a superseding "
        "indictment."
    )
    assert answered(others, described) == set()
    judge = "Which magistrate judge handled Ortiz's first appearance in the District of Utah?"
    titled = "She appeared before Magistrate Judge Ann Roe of the District of Utah."
    assert answered(judge, titled) == {0}


def test_someone_known_by_initials_is_named_only_by_a_name_with_those_initials() -> None:
    question = (
        "What is the full name of the buyer identified as 'R.K.' who asked to tour the Delmar "
        "resin plant in May 2014?"
    )

    charged = "Wen Bo Lin, 41, and Carla Diaz, 36, were charged in a criminal complaint."
    assert answered(question, charged) == set()
    assert answered(question, "On May 9, 2014, R.K., along with Lin, met a plant manager.") == set()
    assert answered(question, "Ralf Kessler asked to tour the Delmar resin plant.") == {0}


def test_the_date_of_an_end_is_answered_where_the_end_is_told_not_by_any_entry() -> None:
    question = "How did Acme v. Borealis Tools end, and on what date?"
    dismissal = "#165 2009-04-06: STIPULATION of Dismissal by Acme LLC and Borealis Tools Inc."

    assert answered(question, dismissal) == {0, 1}
    assert answered(question, "#33 2007-05-22: Notice re Service of Borealis Tools Inc.") == set()
    assert answered(question, "#115 2008-09-19: Proposed Verdict Form by Acme LLC.") == set()
    assert answered(question, "#91 2008-10-02: MOTION to Dismiss by Borealis Tools.") == set()
    assert answered(
        "What did Kane plead guilty to, and on what date?",
        "#42 2018-02-15: GUILTY PLEA AGREEMENT by Kane.",
    ) == {0, 1}


def test_who_did_it_may_be_said_in_the_sentence_before_the_name() -> None:
    release = (
        "A Paterson man was sentenced today for selling counterfeit airbags. "
        "Marcus Hale, 38, of Paterson, previously pleaded guilty."
    )
    question = Question.parse("Who was sentenced for selling counterfeit airbags?")

    found = candidates(question, [hit(release)], flat_idf(question.terms))

    assert [sorted(c.parts) for c in found] == [[], [0]]


def test_a_row_answers_with_its_asked_field_and_what_names_the_question() -> None:
    row = (
        "date: 2026-01-16; port: Port of Long Beach CA; item: e-bike battery; quantity: 960; "
        "declared_value_usd: 3840.00; seizure_ref: FCS-LB-0071"
    )
    question = Question.parse("How many batteries were seized at the Port of Long Beach?")

    assert is_row(row)
    assert asked_fields(question, row) == (
        "port: Port of Long Beach CA; item: e-bike battery; quantity: 960"
    )
    assert not is_row("Case title: USA v. Kane")


def test_contacts_and_investigators_are_boilerplate_unless_asked_about() -> None:
    closing = "The case is being investigated by Homeland Security Investigations."
    contact = "Media contact: Jane Portillo, (973) 555-0142."
    sentence = Question.parse("What sentence did Marcus Hale receive?")

    assert is_boilerplate(closing, sentence)
    assert is_boilerplate(contact, sentence)
    assert not is_boilerplate(closing, Question.parse("Which agency investigated the case?"))
    assert not is_boilerplate("Hale was sentenced to 46 months in prison.", sentence)
    counsel = "Attorney: Dana Whitfield — WHITFIELD LAW, Phone: 314-555-0188, Email: dw@wl.com"
    assert is_boilerplate(counsel, sentence)
    assert not is_boilerplate(counsel, Question.parse("Who was Hale's defense counsel?"))


def test_a_bold_heading_line_is_a_candidate_only_where_its_label_names_a_part() -> None:
    memo = (
        "**Case:** OP-COPPER-GATE — counterfeit Torvex brake pads\n"
        "**Assigned to:** District Judge Miriam Castellane\n"
        "The importer received four pallets of counterfeit Torvex brake pads in January."
    )
    question = Question.parse("Which judge are the counterfeit Torvex brake pads assigned to?")

    found = candidates(question, [hit(memo)], flat_idf(question.terms + question.key_terms))

    texts = [c.text for c in found]
    assert not any(text.startswith("**Case:**") for text in texts)
    assert any(text.startswith("**Assigned to:**") for text in texts)


def test_a_count_is_of_the_words_after_the_number_not_an_address_or_a_price() -> None:
    question = "Which seller did the analyst flag, and how many units had it sold?"

    assert answered(question, "- 742 units sold between 2025-09-02 and 2026-01-26.") == {1}
    assert 1 not in answered(question, "Business address: 2250 Harborgate Pkwy Unit 7, Carson.")
    assert 1 not in answered(question, "Seller offered lots of 50+ at $95/unit to buyers.")


def test_a_count_may_be_of_capitalised_words_where_no_number_follows() -> None:
    question = "How many FBI special agents were assigned to intellectual property crime?"

    assert answered(question, "The Department added 20 FBI Special Agents to IP work.") == {0}


def test_where_is_answered_by_a_named_place_about_what_was_asked() -> None:
    assert kinds("Where did the pirated DVD investigation start?") == [AnswerType.PLACE]
    assert kinds("In which port were the batteries stopped?") == [AnswerType.PLACE]
    question = "Where did the pirated DVD investigation start?"

    assert answered(question, "The investigation began at a flea market in Pass Christian.") == {0}
    assert answered(question, "The investigation took eleven months of work.") == set()


def test_a_name_opening_the_question_is_a_key_term_but_a_question_word_is_not() -> None:
    assert Question.parse("Kane's sentencing got pushed back: what is the new date?").key_terms == [
        "kane"
    ]
    assert Question.parse("Which seller shipped the batteries?").key_terms == []
    assert Question.parse("Roughly how many batteries did VH-7 ship?").key_terms == ["7", "vh"]


def test_who_a_verb_was_done_to_is_any_name_not_one_beside_the_verb() -> None:
    question = "Who did ORZ sue in its trademark case?"

    caption = "Case name: ORZ, GmbH and Co. KG v. Erich Thaler"

    assert answered(question, caption) == {0}
    assert answered("Who owns the mark?", caption) == set()


def test_a_term_a_judge_imposed_answers_though_release_will_follow_it() -> None:
    question = "What prison term did Torres get?"
    sentence = (
        "Judge Keith Ellison sentenced him to a total of 21 months in federal prison, which "
        "will be followed by three years of supervised release."
    )

    assert answered(question, sentence) == {0}
    assert answered(question, "Torres faces up to 20 years in prison when sentenced.") == set()


def test_a_statute_section_heading_is_a_candidate_with_its_number_and_title() -> None:
    statute = (
        "# Title 18— CRIMES AND CRIMINAL PROCEDURE\n"
        "#### § 2318. Trafficking in counterfeit labels or packaging\n\n"
        "(a) Whoever knowingly traffics in a counterfeit label shall be fined."
    )
    question = Question.parse("Which section covers trafficking in counterfeit labels?")

    found = candidates(question, [hit(statute)], flat_idf(question.terms + question.key_terms))

    assert [c.text for c in found] == [
        "#### § 2318. Trafficking in counterfeit labels or packaging",
        "(a) Whoever knowingly traffics in a counterfeit label shall be fined.",
    ]


def test_a_headline_in_capitals_naming_no_one_asked_about_answers_nothing() -> None:
    question = Question.parse("What prison term did the Clark County defendant Shu receive?")
    page = (
        "12/17/10 MUSAWWIR\n"
        "SEATTLE MAN SENTENCED TO 10 YEARS IN PRISON FOR TRAFFICKING LSD\n"
        "Defendant Convicted at Trial of Conspiracy and Distribution of LSD\n\n"
        "1/5/11 SHU\n"
        "CLARK COUNTY MAN SHU SENTENCED TO 2 YEARS IN PRISON FOR SELLING FAKE SOFTWARE\n"
    )

    found = candidates(question, [hit(page)], flat_idf(question.terms + question.key_terms))
    answering = [c.text for c in found if c.parts]

    assert not any("SEATTLE" in text for text in answering)
    assert any("CLARK COUNTY MAN SHU" in text for text in answering)


def test_a_place_is_read_with_the_next_sentence_telling_what_was_seen_there() -> None:
    question = Question.parse(
        "In which city did she see police training at a school for at-risk youth?"
    )
    text = (
        "Let me tell you about police training. Day before yesterday, I was in Winston-Salem. "
        "The police department had established its training program at a school for at-risk "
        "youth."
    )

    found = candidates(question, [hit(text)], flat_idf(question.terms + question.key_terms))
    city = next(c for c in found if "Winston-Salem" in c.text)

    assert city.parts == {0}
    assert city.coverage > 0.5


def test_a_provision_the_code_sets_as_a_heading_is_a_candidate_and_its_title_is_not() -> None:
    statute = (
        "##### (d) Domain names\n"
        "######## (C) In an in rem action under this paragraph, a domain name shall be deemed "
        "to have its situs in the judicial district in which\n\n"
        "(i) the domain name registrar is located."
    )
    question = Question.parse("Where is a domain name deemed to be located in an in rem action?")

    found = candidates(question, [hit(statute)], flat_idf(question.terms + question.key_terms))

    assert [c.text.split(",")[0] for c in found] == [
        "######## (C) In an in rem action under this paragraph",
        "(i) the domain name registrar is located.",
    ]


def test_which_website_wants_an_address_and_which_statute_a_section_or_act() -> None:
    websites = "What were the two websites Chow used to sell the pills?"
    statute = "Which federal statute did Hu and Zhang plead guilty to violating?"

    assert kinds(websites) == [AnswerType.WEB_ADDRESS]
    assert kinds(statute) == [AnswerType.STATUTE]
    assert answered(websites, "Chow sold the pills on cheapmeds.com and pills4u.net.") == {0}
    assert answered(websites, "Chow sold the pills on two Internet websites.") == set()
    assert answered(
        statute, "Hu and Zhang pleaded guilty to violating the Consumer Product Safety Act."
    ) == {0}
    assert answered(statute, "Hu and Zhang pleaded guilty to violating federal law.") == set()
    assert answered(statute, "Hu and Zhang pleaded guilty to violating Section 545.") == {0}


def test_a_headline_in_title_case_names_no_one() -> None:
    question = "What is the name of the Baltimore store owner who was sentenced?"

    assert (
        answered(
            question, "Baltimore Store Owner Sentenced to 30 Months in Prison for Selling Fakes"
        )
        == set()
    )
    assert answered(
        question, "Store owner Dana Reyes, 44, of Baltimore, was sentenced to 30 months."
    ) == {0}


def test_a_headline_repeated_with_page_furniture_is_quoted_once() -> None:
    headline = "MAN SENTENCED TO EIGHT YEARS IN PRISON FOR SELLING FAKE DISNEY PINS"
    page = (
        f"{headline} - County District Attorney Scroll to top\n\n"
        f"{headline} Author Lei Lani Fera Published\n\n"
        f"{headline} For Immediate Release"
    )
    question = Question.parse("How much prison time did the man get for the fake pins?")
    weights = flat_idf(question.terms + question.key_terms)
    found = candidates(question, [hit(page)], weights)
    for candidate in found:
        candidate.probability = candidate.part_probability = 0.7

    assert len(found) == 3
    assert len(select(question, found, weights, SelectionSettings())) == 1


def test_a_cue_is_met_by_a_word_of_the_same_meaning() -> None:
    question = "Who was the head of the section?"

    assert answered(question, "Scott Charney, chief of the section, spoke.") == {0}
    assert answered(question, "Scott Charney spoke at the section.") == set()
    rescheduled = "Kane's sentencing got pushed back - what's the new date?"
    docket = "#51 2018-05-30: ORDER as to Adama Kane: Sentencing reset for 6/13/2018."
    assert answered(rescheduled, docket) == {0}


def test_a_duration_may_be_of_consecutive_years() -> None:
    question = "How long must a mark go unused before it counts as abandoned?"

    assert answered(question, "Nonuse for 3 consecutive years makes a mark abandoned.") == {0}


def test_a_short_sentence_referring_back_is_read_with_the_one_before() -> None:
    release = (
        "Xu targeted aviation companies inside the United States. This included GE Aviation. "
        "Doe sold counterfeit routers."
    )
    question = Question.parse("Which American aviation company did Xu target?")

    found = candidates(question, [hit(release)], flat_idf(question.terms + question.key_terms))

    assert [c.text for c in found] == [
        "Xu targeted aviation companies inside the United States. This included GE Aviation.",
        "Doe sold counterfeit routers.",
    ]


class ChunksOfOneRelease:
    """A document's chunks, as the registry keeps them."""

    def __init__(self, chunks: list[str], document: str = "d1") -> None:
        self.document = document
        self.rows: list[ChunkRow] = []
        start = 0
        for ordinal, text in enumerate(chunks):
            self.rows.append(
                ChunkRow(f"{document}:{ordinal}", None, start, start + len(text), text)
            )
            start += len(text) + 1

    def around(
        self, wanted: Sequence[tuple[str, int, int]]
    ) -> dict[tuple[str, int, int], TextWindow]:
        return {}

    def chunks_near(self, document_id: str, start: int, end: int) -> list[ChunkRow]:
        return [row for row in self.rows if row.end > start and row.start < end]

    def last_chunks(self, document_id: str, count: int) -> list[ChunkRow]:
        return self.rows[-count:]

    def texts_mentioning(
        self, document_ids: Sequence[str], words: Sequence[str]
    ) -> dict[str, list[str]]:
        found = [row.text for row in self.rows if any(w in row.text.lower() for w in words)]
        return {self.document: found} if self.document in document_ids and found else {}


def test_a_part_no_hit_answers_is_read_from_the_lead_documents_next_chunks() -> None:
    release = ChunksOfOneRelease(
        [
            "John Doe was sentenced today to 37 months in federal prison.",
            "Doe imported the routers from Shenzhen.",
            "He was also ordered to pay $1.2 million in restitution.",
            "Doe was ordered to forfeit $40,000 he made from the scheme.",
        ]
    )
    first = release.rows[0]
    lead = hit(first.text, chunk=first.chunk_id)
    question = Question.parse("What sentence did John Doe receive, and how much restitution?")

    extra = chunks_for_missing_parts(question, [lead], release)

    assert [h.chunk_id for h in extra] == ["d1:2"]
    assert extra[0].text == release.rows[2].text
    assert extra[0].char_start == release.rows[2].start
    assert extra[0].source == lead.source
    assert (
        chunks_for_missing_parts(Question.parse("What sentence did Doe get?"), [lead], release)
        == []
    )
    restitution = Question.parse("How much restitution was John Doe ordered to pay?")
    assert [h.chunk_id for h in chunks_for_missing_parts(restitution, [lead], release)] == ["d1:2"]
    what = Question.parse("What did John Doe import from Shenzhen?")
    assert chunks_for_missing_parts(what, [lead], release) == []


def test_a_release_s_title_field_does_not_keep_its_opening_sentence_from_being_read() -> None:
    release = ChunksOfOneRelease(
        [
            "Tittle: Lens Shop Owner Sentenced to 46 Months in Prison\n"
            "Date: 2017118\n"
            "The owner of Marlow Lens Shop, an online retailer of lenses, was sentenced to 46 "
            "months in prison today for selling counterfeit lenses.",
            "Tittle: Lens Shop Owner Sentenced to 46 Months in Prison\n"
            "Judge Okafor also ordered defendant Dana Vole, 30, to pay $200,000 in restitution.",
        ]
    )
    second = release.rows[1]
    lead = hit(second.text, chunk=second.chunk_id)
    question = Question.parse("What prison term did Dana Vole get, and how much restitution?")

    extra = chunks_for_missing_parts(question, [lead], release)

    assert [h.chunk_id for h in extra] == ["d1:0"]
    assert 0 in answered(question.text, release.rows[0].text.splitlines()[-1])


class ChunksOfReleases(ChunksOfOneRelease):
    """Several documents' chunks, as the registry keeps them."""

    def __init__(self, releases: dict[str, list[str]]) -> None:
        self.releases = {
            name: ChunksOfOneRelease(chunks, name) for name, chunks in releases.items()
        }
        super().__init__([])

    def chunks_near(self, document_id: str, start: int, end: int) -> list[ChunkRow]:
        return self.releases[document_id].chunks_near(document_id, start, end)


def test_a_part_is_read_from_the_second_documents_next_chunks_when_the_first_lacks_it() -> None:
    releases = ChunksOfReleases(
        {
            "plea": ["Orla Quist pleaded guilty today to trafficking in counterfeit drugs."],
            "sentencing": [
                "DISTRIBUTOR OF COUNTERFEIT DRUGS HEADS TO PRISON",
                "The distributor was convicted on all counts after a four-day trial.",
                "Judge Ellison sentenced Orla Quist to 21 months in federal prison.",
            ],
            "other": ["An unrelated release.", "Someone else was sentenced to 9 years in prison."],
        }
    )
    plea = hit(releases.releases["plea"].rows[0].text, chunk="plea:0")
    headline = hit(releases.releases["sentencing"].rows[0].text, chunk="sentencing:0")
    other = hit(releases.releases["other"].rows[0].text, chunk="other:0")
    question = Question.parse("How much prison time did Orla Quist get?")

    extra = chunks_for_missing_parts(question, [plea, headline, other], releases)

    assert [h.chunk_id for h in extra] == ["sentencing:2"]
    assert extra[0].source == headline.source
    # A second document that does not name her tells of someone else's sentence.
    assert chunks_for_missing_parts(question, [plea, other, headline], releases) == []
    # Nor is a third document read.
    assert chunks_for_missing_parts(question, [plea, plea, other, headline], releases) == []


def test_how_a_case_ended_is_read_from_the_end_of_its_docket() -> None:
    docket = ChunksOfOneRelease(
        [
            "#12 2008-02-27: Minute Order: Settlement Conference held; no settlement reached.",
            "#113 2008-09-19: Proposed Verdict Form by Midwest Industrial Supply Inc.",
            "#140 2009-04-16: ORDER: the case is dismissed with prejudice upon settlement.",
        ]
    )
    assert closing_chunks_read(docket, "How did Soilworks v. Midwest end?") == ["d1:2"]
    assert closing_chunks_read(docket, "Who was the judge?") == []


def test_who_prosecutes_a_case_is_read_from_the_end_of_its_release() -> None:
    release = ChunksOfOneRelease(
        [
            "WASHINGTON - Orla Quist, 41, was charged today with selling counterfeit routers.",
            "Quist faces a maximum of ten years in prison on each count.",
            "The case is being prosecuted by Assistant U.S. Attorney Dana Ruiz.",
        ]
    )
    assert closing_chunks_read(release, "Which prosecutor is handling the Quist case?") == ["d1:2"]
    assert closing_chunks_read(release, "Who was charged with selling routers?") == []


def test_a_dockets_end_is_read_before_the_undescribed_filings_that_trail_it() -> None:
    docket = ChunksOfOneRelease(
        [
            "#12 2008-02-27: Minute Order: Settlement Conference held; no settlement reached.",
            "#140 2009-04-16: ORDER: the case is dismissed with prejudice upon settlement.",
            "#198: (no description on the docket)\n#200: (no description on the docket)",
            "#216: (no description on the docket)\n#233: (no description on the docket)",
        ]
    )
    assert closing_chunks_read(docket, "How did Soilworks v. Midwest end?") == ["d1:1"]


def closing_chunks_read(docket: ChunksOfOneRelease, question: str) -> list[str]:
    """The chunks read for how the case ended when only the docket's first chunk was found."""
    first = docket.rows[0]
    lead = hit(first.text, chunk=first.chunk_id)
    return [h.chunk_id for h in closing_chunk(Question.parse(question), [lead], docket)]


def test_a_list_item_may_take_its_kind_of_money_from_the_sentence_leading_into_it() -> None:
    statute = (
        "The plaintiff may elect an award of statutory damages in the amount of:\n\n"
        "(1) not less than $1,000 or more than $200,000 per counterfeit mark; or\n\n"
        "Not less than $500 per mark goes to the clerk as a fee."
    )
    question = Question.parse("What range of statutory damages can a plaintiff elect?")

    found = candidates(question, [hit(statute)], flat_idf(question.terms))

    assert [sorted(c.parts) for c in found] == [[], [0], []]


def test_a_sentence_naming_the_first_ones_people_may_join_it_without_the_case_name() -> None:
    release = (
        "Ruiz, Okafor and Lind of Harbor Optics Inc. are accused of selling 400 fake rifle scopes. "
        "The scopes were sold online to hunters. Tests showed the lenses cracked under recoil. "
        "Fugitive owner Tomas Lind, 50, and manager Ana Ruiz, 33, both of Fresno, are charged."
    )
    rule = "Under Local Rule 13.05 the Court orders a sealed statement from Mr. Carter Bell."
    question = Question.parse("Which defendant in the Harbor Optics fake scope case is on the run?")
    weights = flat_idf(question.terms + question.key_terms)
    found = candidates(question, [hit(release), hit(rule, chunk="d2:0")], weights)
    for candidate in found:
        probable = candidate.text.startswith(("Ruiz", "Fugitive", "Under"))
        candidate.probability = candidate.part_probability = 0.85 if probable else 0.1

    chosen = [c.text for c in select(question, found, weights, SelectionSettings())]

    assert any(text.startswith("Fugitive owner Tomas Lind") for text in chosen)
    assert not any("Local Rule" in text for text in chosen)


def test_another_defendants_sentence_does_not_join_the_answer_about_the_one_asked() -> None:
    release = (
        "-On May 2, 2019, in the Eastern District of Ostland, Pavel Brisk, 41, was sentenced to "
        "30 months in prison and ordered to pay $90,000 in restitution to Marlow Audio.\n"
        "-On June 9, 2019, in the Western District of Ostland, Dana Vole, 36, was sentenced to "
        "five years in prison and ordered to pay $1.2 million in restitution to Marlow Audio."
    )
    question = Question.parse(
        "How much restitution was Dana Vole ordered to pay Marlow Audio, and which judge "
        "sentenced her?"
    )
    weights = flat_idf(question.terms + question.key_terms)
    found = candidates(question, [hit(release)], weights)
    for candidate in found:
        asked = "Dana Vole" in candidate.text
        candidate.probability = candidate.part_probability = 0.99 if asked else 0.89
    found.sort(key=lambda c: -c.probability)

    chosen = [c.text for c in select(question, found, weights, SelectionSettings())]

    assert [text[:20] for text in chosen] == ["-On June 9, 2019, in"]


def test_a_document_naming_no_one_asked_about_answers_no_part_of_the_question() -> None:
    release = "Dana Vole was sentenced to 48 months in prison by Judge Mara Quill."
    other = "Judge Ann Lee ordered Carl Pruett to pay $5,000 in restitution to the victims."
    question = Question.parse(
        "Who sentenced Dana Vole, and how much restitution was he ordered to pay?"
    )
    weights = flat_idf(question.terms + question.key_terms)
    found = candidates(question, [hit(release), hit(other, chunk="d2:0")], weights)
    for candidate in found:
        candidate.probability = candidate.part_probability = (
            0.9 if candidate.document_id == "d1" else 0.8
        )
    found.sort(key=lambda c: -c.probability)

    chosen = [c.text for c in select(question, found, weights, SelectionSettings())]

    assert [c.parts for c in found] == [frozenset({0}), frozenset({1})]
    assert chosen == [release]


def test_on_their_way_is_said_as_travelling() -> None:
    way = terms("way")[0]

    assert has_word(way, frozenset(terms("They were traveling to Lakeport to see the match.")))


PENALTIES = (
    "(A) if an individual, shall be fined not more than $400,000 or imprisoned not more than "
    "4 years. (B) for a second or subsequent offense, if an individual, shall be fined not more "
    "than $900,000 or imprisoned not more than 9 years."
)
QUOTING_RELEASE = "Reyes faces a maximum of 4 years in prison."


def test_a_clause_for_another_ordinal_makes_way_unless_later_ones_are_asked_about() -> None:
    first = "What is the maximum fine for an individual's first offense?"
    both = "What is the maximum fine for a first offense and for each later offense?"

    def ranked(question: Question) -> list[str]:
        found = candidates(question, [hit(PENALTIES)], flat_idf(question.terms))
        for candidate in found:
            second = candidate.text.startswith("(B)")
            candidate.probability = candidate.part_probability = 0.9 if second else 0.8
        found.sort(key=lambda c: -c.probability)
        return [c.text[:3] for c in preferred(question.text, found, [], threshold=0.5)]

    assert ordinals("for a second or subsequent offense") == {"offens": {"second", "subsequent"}}
    assert ordinals("made his initial appearance") == ordinals("at his first appearance")
    assert ranked(Question.parse(first)) == ["(A)"]
    assert ranked(Question.parse(both)) == ["(B)", "(A)"]


def test_another_subsection_of_the_cited_section_makes_way() -> None:
    subsections = [
        hit("(1) shall be imprisoned not more than 3 years;", "c:0", "§ 2390. Fakes — (c) Any"),
        hit("(1) shall be imprisoned not more than 5 years;", "b:0", "§ 2390. Fakes — (b) Any"),
    ]

    def chosen(text: str) -> list[str]:
        question = Question.parse(text)
        found = candidates(question, subsections, flat_idf(question.terms))
        for candidate in found:
            candidate.probability = candidate.part_probability = (
                0.9 if candidate.document_id == "c" else 0.8
            )
        found.sort(key=lambda c: -c.probability)
        return [c.document_id for c in preferred(text, found, subsections, threshold=0.5)]

    assert chosen("What prison term does 18 U.S.C. 2390(b) set for a first offense?") == ["b"]
    beyond = "What prison term beyond those listed in 18 U.S.C. 2390(b) may the court impose?"
    assert chosen(beyond) == ["c", "b"]


def test_another_paragraph_of_the_cited_subsection_makes_way() -> None:
    subsection = hit(
        "(1) Seed carried for personal use is exempt from the labelling rules.\n\n"
        "(2) The Secretary shall publish the quantities exempt each year.\n\n"
        "(3) Exempt seed sold within a year is forfeit. A sale under a court order is exempt "
        "from this paragraph.",
        "d:0",
        "§ 9002. Seed imports — (d) Exemptions; forfeitures",
    )

    def chosen(text: str) -> list[str]:
        question = Question.parse(text)
        found = candidates(question, [subsection], flat_idf(question.terms))
        for candidate in found:
            first = candidate.text.startswith("(1)")
            candidate.probability = candidate.part_probability = 0.9 if first else 0.8
        found.sort(key=lambda c: -c.probability)
        return [c.text[:12] for c in preferred(text, found, [subsection], threshold=0.5)]

    asked = "Which sales of exempt seed does 7 U.S.C. 9002(d)(3) leave out of forfeiture?"
    assert chosen(asked)[:2] == ["(3) Exempt s", "A sale under"]
    assert chosen(asked.replace("(d)(3)", "(d)"))[0] == "(1) Seed car"


def test_a_cited_subsection_makes_no_way_for_where_none_of_its_lines_can_answer() -> None:
    question = Question.parse(
        "If a seller violates 18 U.S.C. 2390(a) again, by how much can the court increase "
        "the damages award?"
    )
    subsections = [
        hit(
            "Whoever sells fakes is liable for the damages the court awards.",
            "a:0",
            "§ 2390. Fakes — (a) Offense",
        ),
        hit(
            "The court may increase an award of damages by 3 times the amount otherwise awarded.",
            "e:0",
            "§ 2390. Fakes — (e) Civil remedies",
        ),
    ]
    found = candidates(question, subsections, flat_idf(question.terms))
    for candidate in found:
        candidate.probability = candidate.part_probability = (
            0.9 if candidate.document_id == "a" else 0.8
        )
    found.sort(key=lambda c: -c.probability)

    def kept(decides: bool) -> list[str]:
        chosen = preferred(
            question.text,
            found,
            subsections,
            threshold=0.5,
            decides=lambda c: not decides or may_decide(question, c),
        )
        return [c.document_id for c in chosen]

    assert [may_decide(question, c) for c in found] == [False, True]
    assert kept(decides=True) == ["a", "e"]
    assert kept(decides=False) == ["a"]


def test_of_sentences_nearly_as_probable_the_better_ranked_passages_comes_first() -> None:
    question = Question.parse("What is the maximum prison term for the offense?")
    weights = flat_idf(question.terms)
    found = candidates(
        question, [hit(PENALTIES, "statute:0"), hit(QUOTING_RELEASE, "release:0")], weights
    )
    for candidate in found:
        statute = candidate.document_id == "statute"
        candidate.probability = candidate.part_probability = 0.86 if statute else 0.87
    found.sort(key=lambda c: -c.probability)

    chosen = select(question, found, weights, SelectionSettings())

    assert chosen[0].document_id == "statute"


def test_a_date_answers_when_only_in_a_sentence_that_names_the_event_asked_about() -> None:
    arrested = "When was Lena Marsh arrested for selling counterfeit headphones?"
    renewed = "When was the QUILLON trademark registration renewed?"

    assert answered(arrested, "Marsh was arrested on March 2, 2020, at her Fresno store.") == {0}
    assert answered(arrested, "Agents apprehended Marsh on March 2, 2020, in Fresno.") == {0}
    picked_up = "When was Lena Marsh picked up in Fresno?"
    assert answered(picked_up, "Agents apprehended Marsh on March 2, 2020, in Fresno.") == {0}
    warrant = (
        "An arrest warrant was issued March 25, 2011, for Marsh, who is believed to be abroad."
    )
    assert answered("When was Lena Marsh taken into custody?", warrant) == set()
    assert answered("When was the arrest warrant for Lena Marsh issued?", warrant) == {0}
    appearance = "Marsh will appear on March 6, 2014, in Fresno to set the date for her trial."
    assert answered("What trial date was set for Lena Marsh?", appearance) == set()
    assert answered("When will Lena Marsh appear in Fresno?", appearance) == {0}
    sentenced = "Marsh was sentenced on June 4, 2021, for selling counterfeit headphones."
    assert answered(arrested, sentenced) == set()
    assert answered("When did Marsh plead guilty?", "Marsh pled guilty on Jan. 5, 2021.") == {0}
    assert answered(renewed, "Registration date: 2004-03-23") == set()
    assert answered(renewed, "Renewal date: 2014-03-23") == {0}
    signed = "When did Marsh sign her contract with the Fresno supplier?"
    entered = "In May 2017, Marsh entered into a contract with a supplier in Fresno."
    assert answered(signed, entered) == {0}


def test_a_records_filing_ends_when_abandoned_and_a_boards_ruling_is_how_it_ended() -> None:
    affidavit = "What happened to the Section 15 affidavit for the QUILLMARK registration?"

    assert kinds(affidavit)[0] is AnswerType.OUTCOME
    assert 0 in answered(affidavit, "2015-04-14 15ABO: AFFIDAVIT UNDER SECT 15 ABANDONED")
    assert 0 not in answered(affidavit, "2015-01-02 15FL: AFFIDAVIT UNDER SECT 15 FILED")
    ruled = "How did the board rule on the opposition to QUILLMARK?"
    assert kinds(ruled) == [AnswerType.OUTCOME]
    assert answered(ruled, "2010-02-09 809: BOARD'S DECISION: SUSTAINED (Opposition 91)") == {0}


def test_a_field_holding_another_kind_of_thing_names_nothing_a_part_asks() -> None:
    renewed = Question.parse("When was the QUILLON registration renewed?").primary

    assert label_share(renewed, "Renewal date: 2019-04-02") > 0.0
    assert label_share(renewed, "QUILLON — US trademark registration No. 5551234") == 0.0


def test_an_item_of_a_list_goes_on_from_the_sentence_leading_into_the_list() -> None:
    statute = (
        "In a case involving a counterfeit mark, the plaintiff may elect to recover an award of "
        "statutory damages instead of actual damages.\n\n"
        "(1) not less than $1,000 or more than $200,000 per counterfeit mark, as just.\n\n"
        "(2) if the mark was used by mistake, not less than $500 per counterfeit mark.\n\n"
        "(3) if the court finds that the use was willful, not more than $2,000,000 per "
        "counterfeit mark, as the court considers just."
    )
    question = Question.parse("What are the most statutory damages for willful use of a mark?")

    found = candidates(question, [hit(statute)], flat_idf(question.terms + question.key_terms))

    willful = next(c for c in found if c.text.startswith("(3)"))
    assert willful.parts == {0}


def test_the_people_and_firms_a_question_names_leave_out_titles_places_and_months() -> None:
    question = Question.parse(
        "What did Judge Mara Fell give Yanjun Xu of Brightwater Rail in the Southern District "
        "last March?"
    )

    assert question.names == (("mara", "fell"), ("yanjun", "xu"), ("brightwat", "rail"))


def test_how_old_someone_is_is_answered_by_the_age_after_their_name_not_anothers() -> None:
    question = "How old is Dorin Pavel Mocanu, the Tulcea man who sold the fake labels?"
    others = "Vera Lind, 44, of Brasov, and Dorin Pavel Mocanu of Tulcea were both charged."
    his = "Dorin Pavel Mocanu, 38, of Tulcea, was charged with selling counterfeit labels."

    assert kinds(question) == [AnswerType.AGE]
    assert answered(question, his) == {0}
    assert answered(question, others) == set()
    assert answered(question, "Mocanu was charged with selling counterfeit labels.") == set()
    assert answered("How old is the Tulcea man?", "A 38-year-old man from Tulcea.") == {0}


def test_an_abbreviated_month_and_a_public_body_in_capitals_name_no_one() -> None:
    question = Question.parse(
        "Did Dana Okafor's Feb 2019 remarks say the USPTO must approve the QUILLMARK licence?"
    )

    assert question.names == (("dana", "okafor"), ("quillmark",))


def test_an_item_of_a_list_is_as_close_to_the_question_as_its_lead_in_makes_it() -> None:
    statute = (
        "The following shall not be actionable as dilution by blurring under this subsection:\n\n"
        "(A) Any fair use of a famous mark by another person.\n\n"
        "(B) All forms of news reporting and news commentary."
    )
    question = Question.parse("Can a news story about a famous brand be sued for dilution?")

    found = candidates(question, [hit(statute)], flat_idf(question.terms + question.key_terms))

    reporting = next(c for c in found if c.text.startswith("(B)"))
    alone = next(
        c
        for c in candidates(
            question,
            [hit("(B) All forms of news reporting and news commentary.")],
            flat_idf(question.terms + question.key_terms),
        )
    )
    assert reporting.coverage > alone.coverage
    assert reporting.evidence().sentence_term_coverage == reporting.coverage


def test_a_document_that_never_names_the_person_asked_about_has_none_of_the_names() -> None:
    question = Question.parse("What sentence did Yanjun Xu get, and did Luis Angel Garcia Torres?")
    other_man = hit("Xu Jiaqiang was sentenced to five years in prison.", chunk="d1:0")
    both = hit(
        "Yanjun Xu was sentenced to 20 years. Luis Garcia Torres got 21 months.", chunk="d2:0"
    )

    found = candidates(question, [other_man, both], flat_idf(question.terms + question.key_terms))

    coverage = {c.document_id: c.document.name_coverage for c in found}
    assert coverage == {"d1": 0.0, "d2": 1.0}


def test_a_document_holding_only_the_common_words_of_a_firm_s_name_does_not_name_it() -> None:
    question = Question.parse("How much was United Halvorsen Corporation fined for the theft?")
    another_firm = hit(
        "A researcher for a United States corporation pleaded guilty to the theft.", chunk="d1:0"
    )
    short_of_a_word = hit("Halvorsen Corporation was fined $60 million.", chunk="d2:0")

    found = candidates(
        question, [another_firm, short_of_a_word], flat_idf(question.terms + question.key_terms)
    )

    coverage = {c.document_id: c.document.name_coverage for c in found}
    assert coverage == {"d1": 0.0, "d2": 1.0}


def test_a_familiar_first_name_asked_about_is_named_by_the_formal_one() -> None:
    question = Question.parse("Whom did Bill Garrow thank for the response to the shooting?")
    formal = hit("Attorney General William P. Garrow thanked Dana Ruiz.", chunk="d1:0")
    other = hit("Attorney General Robert Garrow thanked Dana Ruiz.", chunk="d2:0")

    found = candidates(question, [formal, other], flat_idf(question.terms + question.key_terms))

    coverage = {c.document_id: c.document.name_coverage for c in found}
    assert coverage == {"d1": 1.0, "d2": 0.0}


def test_an_office_held_for_a_district_names_the_official_not_someone_charged() -> None:
    announced = (
        "Two employees were charged today with stealing source code, announced U.S. Attorney for "
        "the Western District of Wisconsin John W. Vaudreuil."
    )

    assert answered("Who was charged with stealing the source code?", announced) == set()
    assert answered("Which officials announced the charges?", announced) == {0}


def test_a_marks_words_in_capitals_are_a_name_the_question_asks_about() -> None:
    question = Question.parse("What is the registration date of the BURGER ADDICT trademark?")

    assert question.names == (("burger", "addict"),)


def test_who_was_sued_is_asked_of_the_defendant_lines_not_the_plaintiffs() -> None:
    sued = Question.parse("Who did Bagworks Supply sue over the fake totes?").primary

    assert sued.many
    assert label_share(sued, "Defendant: Richard Roe, an individual") == 1.0
    assert label_share(sued, "Plaintiff: Bagworks Supply LLC, a Nevada company") == 0.0


NEWS_PAGE = (
    "News And Press Releases\n"
    "May 26, 2011\n"
    "Waldorf Woman Pleads Guilty to Selling Counterfeit Viagra Online\n"
    "Elkton Woman Pleads Guilty to Laundering over $400,000 in Drug Proceeds\n"
    "May 25, 2011\n"
    "College Park Drug Dealer Sentenced to over 11 Years in Prison On Drug and Gun\n"
    "Offenses\n"
)


def test_a_news_pages_list_of_headlines_is_evidence_only_in_the_headline_about_the_question() -> (
    None
):
    question = Question.parse("When was the Waldorf woman sentenced for the counterfeit Viagra?")
    release = hit("The Waldorf woman was sentenced on July 7, 2011, to a year in prison.", "d2:0")

    found = candidates(
        question, [hit(NEWS_PAGE), release], flat_idf(question.terms + question.key_terms)
    )

    listed = [c for c in found if c.document_id == "d1"]
    assert [c.text.splitlines()[-1] for c in listed] == [
        "Waldorf Woman Pleads Guilty to Selling Counterfeit Viagra Online"
    ]
    assert not listed[0].parts  # it tells of her plea, not of when she was sentenced
    assert [c.parts for c in found if c.document_id == "d2"] == [frozenset({0})]


def test_a_news_pages_headline_is_dated_by_the_date_line_it_is_listed_under() -> None:
    question = Question.parse(
        "On what date was the Waldorf woman's guilty plea for selling fake Viagra announced?"
    )

    found = candidates(question, [hit(NEWS_PAGE)], flat_idf(question.terms + question.key_terms))

    answering = [c.text for c in found if c.parts]
    assert answering == [
        "May 26, 2011\nWaldorf Woman Pleads Guilty to Selling Counterfeit Viagra Online"
    ]
    headlines = [headline.text for headline in listed_headlines(NEWS_PAGE)]
    assert "Elkton Woman Pleads Guilty to Laundering over $400,000 in Drug Proceeds" in headlines


def test_a_news_page_lists_headlines_led_by_names_wrapped_and_between_its_links() -> None:
    page = (
        "PINEDA: Leader of Tacoma Heroin Trafficking Ring Sentenced to Ten Years in Prison\n"
        "June 27, 2011\n"
        "SHU: Clark County Man Sentenced for Counterfeit Software Scheme\n"
        "Baltimore Career Offender Sentenced to 17 Years in Prison for Possession of a Gun in\n"
        "Furtherance of Drug Trafficking\n"
        "Return to Top\n"
        "USAO ARCHIVE\n"
        "Foreign National Sentenced to 18 Months and Ordered to Pay More than $196,000 for\n"
        "Trafficking in Counterfeit Erectile Dysfunction Drugs\n"
    )

    assert is_headline_list(page)
    assert [headline.text for headline in listed_headlines(page)][3:5] == [
        "Baltimore Career Offender Sentenced to 17 Years in Prison for Possession of a Gun in\n"
        "Furtherance of Drug Trafficking\nReturn to Top\nUSAO ARCHIVE",
        "Foreign National Sentenced to 18 Months and Ordered to Pay More than $196,000 for\n"
        "Trafficking in Counterfeit Erectile Dysfunction Drugs",
    ]


def test_a_releases_own_headline_over_its_text_is_not_a_list_of_headlines() -> None:
    release = (
        "Waldorf Woman Sentenced to a Year in Prison for Selling Counterfeit Viagra\n"
        "Sold Pills Shipped From Overseas Through Her Online Pharmacy Storefront\n"
        "July 7, 2011\n"
        "GREENBELT, Maryland - A Waldorf woman was sentenced today to a year in prison for\n"
        "selling counterfeit Viagra that she bought from suppliers overseas and resold online.\n"
    )

    assert is_headline_list(NEWS_PAGE)
    assert not is_headline_list(release)


def test_a_count_after_another_number_is_still_read() -> None:
    question = "How many counterfeit gun sights were found at the warehouse?"

    assert answered(
        question, "Agents found two rifles and an additional 612 counterfeit gun sights inside."
    ) == {0}


def test_which_individuals_is_answered_by_names_without_the_word_individuals() -> None:
    question = "Besides the company itself, which individuals were indicted over the stolen code?"

    assert answered(
        question, "The company was indicted along with Mara Lindqvist and Tomas Reyes."
    ) == {0}


def test_a_records_role_line_answers_who_held_the_role_whatever_the_name_looks_like() -> None:
    question = "Who filed the original application for the QUILLMARK trademark?"

    assert answered(question, "Q.R.V DataSystem AB — ORIGINAL APPLICANT") == {0}
    assert answered(question, "QUILLMARK — US trademark Reg. No. 4455667") == set()
    counsel = "In USA v. Orla Quist, who ended up as defense counsel?"
    assert answered(counsel, "Defendant: Orla Quist") == set()


def test_a_bodys_a_laws_or_an_operations_name_does_not_answer_who() -> None:
    question = "Who hacked the Midwestern retailer's customer database?"

    for body in (
        "The Department of Justice charged the hacker with violations of the law.",
        "The Computer Fraud and Abuse Act was among the charges against the hacker.",
        "The Computer Crime and Intellectual Property Section prosecuted the hacker.",
        "Operation Cisco Raider has led to the hacker's conviction.",
    ):
        assert answered(question, body) == set(), body
    assert answered(question, "Orla Quist, the hacker, was charged by the Department.") == {0}


def test_a_record_of_another_mark_does_not_decide_a_question_about_a_mark_in_capitals() -> None:
    question = Question.parse("Who owns the trademark registration for QUILLMARK?")
    other = "VOLTHARBOR — US trademark Reg. No. 4455667\nCurrent owner: Harbor Ltd."
    asked = "QUILLMARK — US trademark Reg. No. 4455668\nCurrent owner: Quill Goods Inc."

    assert not decides(question, other)
    assert decides(question, asked)


def test_an_alias_of_someone_named_does_not_answer_which_company() -> None:
    question = "Which company hired Xudong Yao after he left the locomotive maker?"

    alias = 'Xudong Yao, also known as "William Yao," 57, left the locomotive company in 2015.'
    assert answered(question, alias) == set()
    short = "Xudong Yao, a/k/a Bill Yao, 57, left the locomotive company in 2015."
    assert answered(question, short) == set()
    hired = "Xudong Yao was hired by Quill Telematics Company in Wuxi."
    assert answered(question, hired) == {0}


def test_a_public_agency_does_not_answer_who() -> None:
    question = "Who was the defendant selling fake cancer drugs that the speech mentioned?"

    assert answered(question, "Border Patrol found the defendant's fake cancer drugs.") == set()
    assert answered(question, "Orla Quist, the defendant, sold fake cancer drugs.") == {0}


def test_a_part_the_lead_documents_hits_leave_open_is_read_from_it_though_another_answers() -> None:
    release = ChunksOfOneRelease(
        [
            "John Doe was sentenced today to 37 months in federal prison.",
            "Doe imported the routers from Shenzhen.",
            "He was also ordered to pay $1.2 million in restitution.",
        ]
    )
    first = release.rows[0]
    lead = hit(first.text, chunk=first.chunk_id)
    other = hit("A co-defendant was ordered to pay $5,000 in restitution.", chunk="d2:0")
    question = Question.parse("What sentence did John Doe receive, and how much restitution?")

    extra = chunks_for_missing_parts(question, [lead, other], release)

    assert [h.chunk_id for h in extra] == ["d1:2"]


def test_a_deadline_or_a_limitations_period_is_answered_only_by_a_date_or_a_time() -> None:
    deadline = "By what deadline did the Secretary have to start the travelers' campaign?"
    period = "What is the statute of limitations for a prosecution under this section?"

    assert answered(deadline, "The Secretary shall carry out a campaign for travelers.") == set()
    assert answered(
        deadline, "Not later than 180 days after enactment, the Secretary shall start the campaign."
    ) == {0}
    repackaging = "No prosecution under this section may be brought for repackaging."
    assert answered(period, repackaging) == set()
    within = "A prosecution under this section must begin within five years."
    assert answered(period, within) == {0}


def test_a_releases_dateline_and_a_continent_do_not_answer_who() -> None:
    question = "Who was charged by the police over the fake routers?"

    for place in (
        "HARBOR CITY \u2013 A local man was charged with selling fake routers.",
        "PORT ELLIS, Calif. - Two people were charged over fake routers.",
        "The police charged two people with shipping fake routers across North America.",
    ):
        assert answered(question, place) == set(), place
    assert answered(question, "HARBOR CITY \u2013 Orla Quist was charged over fake routers.") == {0}


def test_a_models_name_does_not_answer_which_company() -> None:
    question = (
        "Which three defense contractors had employed Orla Quist before she shipped the parts?"
    )

    model = "Quist stole files of three defense contractors, some on the F35 Joint Strike Fighter."
    assert answered(question, model) == set()
    named = "Quist was employed by defense contractors Harbor Dynamics and Quill Aero."
    assert answered(question, named) == {0}


def test_the_office_a_statute_gives_a_duty_answers_who_is_responsible() -> None:
    question = "Who is responsible for running the campaign that warns travelers?"

    duty = "The Secretary of Transport shall develop and carry out a campaign to warn travelers."
    assert answered(question, duty) == {0}
    assert answered(question, "Nothing in this section shall limit the travelers' campaign.") == (
        set()
    )
    told = "The Secretary of Transport described the campaign to warn travelers."
    assert answered(question, told) == set()


def test_which_agency_is_answered_by_a_public_bodys_name() -> None:
    question = "Which postal agency does the Assistant Director have to coordinate with?"

    sentence = "The Assistant Director coordinates with the Harbor Postal Inspection Service."
    assert answered(question, sentence) == {0}
    assert answered("Who does the Assistant Director coordinate with?", sentence) == set()


def test_a_mark_approved_for_the_principal_register_is_not_yet_registered() -> None:
    question = "On what date was the QUILLMARK service mark registered?"

    assert answered(question, "2019-03-05 CNSA: APPROVED FOR PUB - PRINCIPAL REGISTER") == set()
    assert answered(question, "2019-09-10 R.PR: REGISTERED-PRINCIPAL REGISTER") == {0}
    assert answered(question, "Registration date: 2019-09-10") == {0}


def test_the_yes_or_no_part_of_a_question_does_not_show_it_is_answered() -> None:
    question = Question.parse("Did Orla Quist go to trial, and what was the verdict?")
    indicted = "Orla Quist was indicted today; her trial on the three counts opens in May."
    convicted = "After a five-day trial, a jury convicted Orla Quist on all three counts."

    assert not decides(question, indicted)
    assert decides(question, convicted)
    assert decides(Question.parse("Did Orla Quist go to trial?"), indicted)


def test_a_document_names_the_asked_person_in_a_chunk_that_was_not_retrieved() -> None:
    release = ChunksOfOneRelease(
        [
            "Katiran Lee, 39, of Duluth, was charged with trafficking in counterfeit goods.",
            "Lee also sold over 35,000 counterfeit programmed keys for cars.",
        ]
    )
    second = release.rows[1]
    retrieved = [hit(second.text, chunk=second.chunk_id)]
    question = Question.parse("How many fake programmed keys did Katiran Lee sell?")
    weights = flat_idf(question.terms + question.key_terms)

    named = names_beyond_hits(question, retrieved, release)
    found = candidates(question, retrieved, weights, named)

    assert named == {"d1": frozenset({"katiran", "lee"})}
    assert any(may_decide(question, c) and "35,000" in c.text for c in found)
    assert not any(may_decide(question, c) for c in candidates(question, retrieved, weights))
    assert names_beyond_hits(question, retrieved, None) == {}


def test_a_question_about_a_website_is_not_answered_by_a_release_about_other_sites() -> None:
    question = Question.parse(
        "How much money went through the PayPal accounts tied to fakejerseys.com?"
    )

    assert ("fakejersey",) in question.names
    assert not decides(
        question, "Agents also seized $69,504 remaining in three PayPal accounts of the sellers."
    )
    assert decides(
        question,
        "Agents seized $69,504 remaining in the PayPal accounts tied to fakejerseys.com.",
    )


class ChunksOfOneStatute(ChunksOfOneRelease):
    """A document whose chunks are read back as one text, as the registry reads them."""

    def around(
        self, wanted: Sequence[tuple[str, int, int]]
    ) -> dict[tuple[str, int, int], TextWindow]:
        spans = [ChunkSpan(row.start, row.end, row.text) for row in self.rows]
        return {
            key: window for key in wanted if (window := assemble(spans, key[1], key[2])) is not None
        }


def test_a_list_item_opening_a_chunk_is_read_with_the_sentence_leading_into_its_list() -> None:
    statute = ChunksOfOneStatute(
        [
            "In a case involving a counterfeit mark, the plaintiff may elect to recover an "
            "award of statutory damages in the amount of—\n\n(1) not less than $1,000 or more "
            "than $200,000 per counterfeit mark per type of goods; or",
            "(2) if the court finds that the use of the counterfeit mark was willful, not more "
            "than $2,000,000 per counterfeit mark per type of goods.",
        ]
    )
    second = statute.rows[1]
    item = replace(
        hit(second.text, chunk=second.chunk_id), char_start=second.start, char_end=second.end
    )
    question = Question.parse(
        "What is the most in statutory damages per counterfeit mark if the use was willful?"
    )
    weights = flat_idf(question.terms + question.key_terms)

    lead_ins = list_lead_ins([item], statute)
    found = candidates(question, [item], weights, lead_ins=lead_ins)

    assert "damag" in lead_ins[second.chunk_id]
    assert [c.text for c in found if may_decide(question, c)] == [second.text]
    assert not any(may_decide(question, c) for c in candidates(question, [item], weights))
    first = statute.rows[0]
    assert list_lead_ins([hit(first.text, chunk=first.chunk_id)], statute) == {}


def test_the_highest_amount_a_statute_sets_answers_what_the_highest_is() -> None:
    question = Question.parse("What is the highest fine bracket the report uses?")
    report = (
        "These categories shall be: no fines ordered; fines under $500; fines from $500 to "
        "$1,000; and fines over $10,000."
    )

    assert answered(question.text, report) == {0}
    assert answered("What fine was Doe ordered to pay?", report) == set()


def test_acronyms_side_by_side_are_no_name_a_document_must_have() -> None:
    assert (
        Question.parse("Where were the DOJ IP law enforcement coordinators stationed?").names == ()
    )
    assert Question.parse("Who owns the BURGER ADDICT mark?").names == (("burger", "addict"),)


def test_a_name_run_into_a_mangled_sign_or_possessive_is_still_the_name() -> None:
    question = Question.parse(
        "When were the two men trying to buy FOAMGLAS trade secrets from Pittsburgh Corning "
        "arrested?"
    )
    extracted = (
        "Huang and Qi, who tried to buy Pittsburgh Corningas FOAMGLASA(r) secrets, were "
        "arrested on Sunday, Sept. 2, 2012."
    )

    assert decides(question, extracted)


def test_which_section_covers_that_asks_the_section_of_the_part_before() -> None:
    question = (
        "After a conviction for trafficking, must the court order restitution, and which section "
        "covers that?"
    )
    statute = (
        "When a person is convicted of an offense under section 2320, the court shall order the "
        "person to pay restitution to any victim of the offense."
    )

    assert 1 in answered(question, statute)
    assert has_word("station", frozenset(terms("two prosecutors based in Sofia")))


def test_a_sentence_about_another_defendant_does_not_tell_what_the_question_asks() -> None:
    release = (
        "Fugitive business owner Yongming Sui, 53, office manager Pao Sheng Yang, 34, and "
        "co-owner Isaac Cheuk Hang Tse, 65, are each charged with selling counterfeit sights. "
        "Tse and Yang were arrested March 23, 2011, by agents at the Field Sports headquarters."
    )
    about_sui = Question.parse("When was Yongming Sui of Field Sports Inc. taken into custody?")
    about_tse = Question.parse("When was Isaac Tse of Field Sports Inc. taken into custody?")

    assert not decides(about_sui, release)
    assert decides(about_tse, release)


def test_a_figure_about_another_agency_or_a_list_number_answers_no_how_many() -> None:
    customs = "(a) detail no fewer than 4 officers of Customs and Border Protection to the hub; and"
    ports = "(b) make sure enough officers are detailed to the ports of entry."

    assert answered("How many CBP officers must be detailed to the hub?", customs) == {0}
    assert answered("How many ICE officers must be detailed to the hub?", customs) == set()
    assert answered("How many CBP officers must be detailed to the hub?", ports) == set()
    assert answered(
        "How many HSI officers must be detailed to the hub?",
        "The Director shall detail 6 officers of Immigration and Customs Enforcement to the hub.",
    ) == {0}


def test_a_firm_the_release_describes_without_naming_is_not_answered_by_another_firm() -> None:
    question = Question.parse(
        "What's the name of the Ruritania-based company that ran cheappills.example and "
        "supplied Dana Vole with the fake Lumora tablets?"
    )
    unnamed = (
        "Dana Vole received the counterfeit Lumora tablets from a company based in Ruritania "
        "that used the web address cheappills.example to sell them. Lumora is made only by "
        "Halden Pharma Group, which lost sales to the scheme."
    )
    named = unnamed.replace(
        "a company based in Ruritania", "Brisk Trading Ltd., a company based in Ruritania,"
    )

    assert not decides(question, unnamed)
    assert decides(question, named)


def test_a_firm_asked_for_by_a_town_and_state_is_withheld_where_it_is_only_described() -> None:
    question = Question.parse(
        "What is the name of the Marlow, Ostland company where Dana Vole worked as a chemist?"
    )
    unnamed = (
        "From 2017 through 2018, Dana Vole worked as a chemist for a company in Marlow, "
        "Ostland, where she had access to trade secrets. Brisk Holdings would reward Vole."
    )
    named = unnamed.replace("a company in Marlow", "Halden Coatings, a company in Marlow")

    assert not decides(question, unnamed)
    assert decides(question, named)


def test_a_paragraph_cited_by_its_number_counts_nothing() -> None:
    question = "How many online infringement cases did the Attorney General report for 2005?"
    definition = (
        "(B) In this paragraph, the term online infringement cases as used in paragraph (2) "
        "means those cases where the infringer used the Internet."
    )

    assert answered(question, definition) == set()
    assert answered(question, "The Attorney General reported 14 online infringement cases.") == {0}


def test_how_many_turned_out_to_be_fakes_counts_fakes() -> None:
    question = "Of the handbags seized at the Elm Street shop, how many turned out to be fakes?"

    assert answered(question, "Lab tests found that 40 of the 52 handbags were counterfeit.") == {0}
    assert answered(question, "Agents seized 52 handbags from the shop on Elm Street.") == set()


def test_a_defendants_town_and_state_do_not_read_as_another_subject() -> None:
    question = "What prison term did Rhea Lund of Marlow get for selling fake rowing machines?"

    assert answered(
        question,
        "RHEA LUND, 34, of Marlow, Washington was sentenced today to 30 days in prison.",
    ) == {0}
    assert (
        answered(question, "Lund, of Marlow, pleaded guilty, and Venn was sentenced to 2 years.")
        == set()
    )


def test_money_named_as_given_beside_what_is_asked_does_not_answer() -> None:
    question = "How large a fine was Rhea Lund ordered to pay on top of her restitution?"

    assert answered(question, "Lund was ordered to pay $64,500 in restitution.") == set()
    assert answered(question, "Lund was also ordered to pay a $5,000 fine.") == {0}
    assert answered("What fine and restitution did Lund get?", "Lund owes $64,500 in restitution.")


def test_one_prison_term_does_not_also_tell_the_codefendants_terms() -> None:
    question = "How long did Rhea Lund get, and what sentences did her codefendants receive?"

    assert answered(question, "Lund was sentenced to 16 months in federal prison.") == {0}
    assert answered(
        question, "Lund was sentenced to 16 months in prison; her codefendants got 12 and 8 months."
    ) == {0, 1}


@pytest.mark.parametrize(
    ("sentence", "withholds"),
    [
        ("He bought the pills from a company based in Ruritania that ran the site.", True),
        ("In May, an Ostland-based firm, which built parts, removed the malware.", True),
        ("He bought the pills from a company named Brisk Trading Ltd.", False),
        ("He sold through a Virginia company, Brisk Trading Ltd., to buyers.", False),
        ("He sold the pills through Sunrise, a Virginia company, to buyers.", False),
        ("In March, a Virginia company, which built parts, removed the malware.", True),
        ("On Tuesday, a Virginia company, which built parts, removed the malware.", True),
        ("Hackers entered Brisk Turbine, a Los Angeles-based manufacturer, in 2010.", False),
        ("Brisk Trading Ltd. sold the pills through a company website.", False),
        ("It took the designs of six Ostland technology companies.", False),
        ("Here in Marlow, two leaders of a piracy ring were sentenced to three years.", True),
        ("Two leaders of the ring, Dana Vole and Ilsa Varga, were sentenced.", False),
        ("They worked for a company in Ostland called Brisk Trading Ltd.", False),
        ("He ran Brisk Group, with a seed subsidiary company, Kings Mill Seed.", False),
        ("Vole uploaded source code he took from the Victim Company.", True),
        ("Vole sold the code to Company-1, a firm in Ostland.", True),
    ],
)
def test_a_firm_described_and_left_unnamed(sentence: str, withholds: bool) -> None:
    assert describes_without_naming(sentence) is withholds


def test_a_firm_described_in_the_questions_words_anywhere_in_the_release_is_withheld() -> None:
    question = Question.parse(
        "Who was the Ostland supplier that sold Dana Vole the counterfeit rowing machines?"
    )
    release = (
        "Dana Vole sold counterfeit rowing machines over the internet from her garage in "
        "Marlow. Vole purchased the goods, mostly fitness equipment, from an Ostland supplier "
        "and shipped them through Harbor Freight Lines."
    )

    assert not decides(question, release)
    assert describes_without_naming(
        "from a Marlow oil & gas manufacturer", frozenset(terms("oil and gas"))
    )
    assert not describes_without_naming("from an Ostland supplier", frozenset(["supplier"]))
    assert not describes_without_naming(
        "They used the designs to benefit two Ostland companies - Brisk Aero Co. Ltd.",
        frozenset(terms("which two Ostland companies")),
    )
    assert describes_without_naming(
        "It took the designs of six Ostland technology companies.",
        frozenset(terms("which six Ostland tech companies")),
    )
    where = frozenset(terms("the name of the Marlow District company they approached"))
    assert describes_without_naming(
        "The two contacted a company in the Marlow District, seeking to buy 900 chips.", where
    )
    assert not describes_without_naming(
        "The two contacted a company in Marlow called Brisk Chips Ltd., seeking chips.", where
    )
    assert not describes_without_naming(
        "He pleaded guilty as a counterfeit distributor in a scheme to smuggle chips.",
        frozenset(terms("what company did he run the counterfeit chip scheme through")),
    )


def test_the_other_side_of_a_deal_left_unnamed_is_withheld_where_the_deal_is_the_one_asked() -> (
    None
):
    question = Question.parse(
        "What is the name of the supplier in Ostland from whom Dana and Ilsa Vole bought the "
        "counterfeit rowing machines?"
    )
    release = (
        "Dana Vole, 36, and her sister Ilsa Vole, 28, were charged in Marlow. The indictment "
        "alleges that the Voles purchased and imported the counterfeit rowing machines from an "
        "individual in Ostland. They later sold the machines to gyms, including Brisk Fitness "
        "Ltd. and the Harbor Athletic Club."
    )
    asked = frozenset(question.terms)

    assert not decides(question, release)
    assert not describes_without_naming(
        "The Voles bought the rowing machines from an individual, Pavel Brisk, in Ostland.", asked
    )
    assert not describes_without_naming("He sold a car to an individual in Marlow.", asked)
    passed_on = (
        "Dana Vole bought the counterfeit rowing machine designs and passed them to another "
        "person, specifically a buyer at Ostland University."
    )
    assert not describes_without_naming(passed_on, asked)


def test_an_event_told_as_happening_abroad_leaves_the_place_asked_unnamed() -> None:
    release = (
        "Two leaders of the Night Lantern piracy group have been arrested and face charges "
        "filed in U.S. District Court in Marlow. In March 2021, Vole and Brisk were arrested "
        "abroad in connection with the charges."
    )
    named = release.replace("arrested abroad", "arrested in Ostland")

    asked = Question.parse("In which country was Night Lantern's Dana Vole arrested in March 2021?")
    assert not decides(asked, release)
    assert decides(asked, named)
    assert not leaves_the_place_unnamed(
        "He studied abroad before he joined the firm.", frozenset(asked.terms)
    )
    assert not leaves_the_place_unnamed(
        "Arresting Dana Vole of Night Lantern in March 2021 warns criminals here and abroad.",
        frozenset(asked.terms),
    )


def test_someone_described_by_role_withholds_no_university() -> None:
    question = Question.parse(
        "The ex-Brisk research scientist from Marlow -- which Ostland university was Dana Vole "
        "planning to go work for?"
    )
    release = (
        "Dana Vole was employed as a research scientist at the Brisk Center for Research in "
        "Marlow. Vole lied about her intention to accept employment at Halden University in "
        "Ostland."
    )

    assert decides(question, release)


def test_a_person_a_review_describes_by_role_is_not_answered_by_another_person() -> None:
    question = Question.parse(
        "Who was the former customs officer sentenced in May for selling seizure lists?"
    )
    review = (
        "In May, a former customs officer was sentenced to six years for selling seizure "
        "lists to smugglers. In June, Dana Vole was sentenced to two years for trafficking."
    )
    named = review.replace("a former customs officer", "Ilsa Varga, a former customs officer,")

    assert not decides(question, review)
    assert decides(question, named)


def test_the_name_of_an_employee_a_release_leaves_unnamed_is_not_answered() -> None:
    question = Question.parse(
        "What was the name of the Halden Pharma employee who worked undercover against Vole?"
    )
    release = (
        "Dana Vole was arrested after negotiating with an employee of Halden Pharma to obtain "
        "more formulas. That employee was cooperating with the FBI in an undercover capacity."
    )
    named = release.replace(
        "an employee of Halden Pharma", "Ilsa Varga, an employee of Halden Pharma,"
    )

    assert not decides(question, release)
    assert decides(question, named)


@pytest.mark.parametrize(
    ("question", "text", "unnamed", "named"),
    [
        (
            "What is the name of the man charged as the Marlow reshipper for the Vole ring?",
            "The man who is charged with serving as the Marlow reshipper for the Vole ring has "
            "already been arrested. He was caught trying to flee and has pled guilty. The pills "
            "that killed Ilsa Varga came from the Vole ring.",
            "The man who is charged",
            "Piet Lund, who is charged",
        ),
        (
            "What was the name of the doctor who pled guilty after signing 9,000 prescriptions "
            "for the Vole pharmacy ring?",
            "A doctor who pled guilty in the Vole pharmacy ring signed more than 9,000 "
            "prescriptions. Ilsa Varga, the ring's pharmacist, shipped them.",
            "A doctor who",
            "Dr. Piet Lund, who",
        ),
        (
            "Which Marlow retailer's computer system did Dana Vole hack to get the buyers' data?",
            "Dana Vole hacked into the computer system of a Marlow retailer and stole the data "
            "of thousands of buyers. Vole had once worked for Halden Depot, a Marlow retailer, "
            "as a clerk.",
            "a Marlow retailer",
            "Brisk Depot, a Marlow retailer,",
        ),
        (
            "Which Marlow, Ostland-based think tank did Dana Vole and Piet Lund break into?",
            "Dana Vole and Piet Lund broke into the networks of several universities, a Marlow, "
            "Ostland-based think tank and a defense contractor, Brisk Aero Ltd.",
            "a Marlow, Ostland-based think tank",
            "the Halden Institute, a Marlow, Ostland-based think tank,",
        ),
        (
            "Who was the Marlow buyer that Brisk Trading resold the fake perfume to?",
            "Brisk Trading bought 2,000 bottles of fake perfume and resold them to a buyer in "
            "Marlow. The perfume was later seized by Ostland Security Investigations, working "
            "with the Marlow police.",
            "a buyer in Marlow",
            "Halden Depot, a buyer in Marlow",
        ),
        (
            "Who was the friend on whose behalf Dana Vole said she received the seized pills?",
            "Dana Vole claimed the pills were hers and that she received them for a friend. "
            "This matter was investigated by Ostland Security Investigations and police "
            "departments in Marlow.",
            "a friend",
            "a friend, Piet Lund",
        ),
    ],
    ids=[
        "someone told of by what they did",
        "a doctor by role",
        "which firm's thing",
        "a body that is no firm",
        "a buyer by role",
        "a friend by role",
    ],
)
def test_a_name_the_document_withholds_is_answered_only_once_given(
    question: str, text: str, unnamed: str, named: str
) -> None:
    parsed = Question.parse(question)

    assert not decides(parsed, text)
    assert decides(parsed, text.replace(unnamed, named, 1))


def test_a_later_parts_firm_named_just_before_does_not_make_the_first_firms_fine_its_own() -> None:
    question = Question.parse(
        "What fine did Brisk Trading (BTL) agree to pay, and what penalty was imposed on its "
        "co-defendant Halden Pharma?"
    )
    before = frozenset(terms("A grand jury had indicted BTL along with Halden Pharma."))

    def answered_after(sentence: str) -> frozenset[int]:
        return question.aspects_answered_by(sentence, terms(sentence), before)

    assert answered_after(
        "BTL will pay a fine of $60 million and help against its co-defendant."
    ) == {0}
    assert answered_after("It was ordered to pay a penalty of $2 million.") == {1}
    assert answered_after("Halden Pharma was ordered to pay a penalty of $2 million.") == {1}


def test_a_role_described_elsewhere_in_a_release_leaves_the_named_people_an_answer() -> None:
    question = Question.parse("Which two customs officers were charged in the seizure-list leak?")
    release = (
        "The charged customs officers, Dana Vole and Ilsa Varga, sold seizure lists. "
        "In March, a customs officer at the port was reassigned."
    )

    assert decides(question, release)


def test_whom_a_statute_lets_act_answers_who_may() -> None:
    question = "Who may contest a customs refusal of entry for goods marked against the Act?"
    leave = (
        "The owner, importer, or consignee of goods refused entry at any customhouse under "
        "this section may have any recourse by protest or appeal."
    )

    assert answered(question, leave) == {0}
    assert answered(question, "Goods refused entry may be contested by protest.") == set()


def test_who_bears_a_burden_is_answered_by_who_has_it() -> None:
    question = "Under the section, who bears the burden on an affirmative defense?"
    rule = "In a prosecution, the defendant shall have the burden of proof of any such defense."

    assert answered(question, rule) == {0}


def test_a_statute_places_a_thing_in_a_judicial_district() -> None:
    question = "Where is a domain name deemed to be located in an in rem action?"
    rule = (
        "In an in rem action, a domain name shall be deemed to have its situs in the judicial "
        "district in which the domain name registrar is located."
    )

    assert answered(question, rule) == {0}
    assert answered(question, "A domain name shall be deemed abandoned after a year.") == set()


def test_a_time_counted_from_an_event_is_not_the_time_the_event_takes() -> None:
    question = "How many days does the owner have to object before the goods are forfeited?"
    sale = "The goods may be sold 90 days after the date of forfeiture."

    assert answered(question, sale) == set()
    assert answered(question, "The owner has 30 days to object in writing.") == {0}
    assert [aspect.kind for aspect in Question.parse(question).aspects] == [AnswerType.DURATION]


def test_a_length_of_time_written_as_of_one_thing_does_not_answer_how_long_for_another() -> None:
    hearing = "Once the owner is notified, how many days does the agency have to ask for a hearing?"
    notice = "How many days' notice must he give the agency?"
    sentence = "He gives ten days\u2019 notice to the agency, which may ask for a hearing."

    assert answered(hearing, sentence) == set()
    assert answered(notice, sentence) == {0}
    assert answered(hearing, "The agency has 20 days to ask for a hearing.") == {0}
    assert answered(hearing, "The agency has a 20-day period to ask for a hearing.") == {0}


def test_a_repeat_offense_penalty_answers_only_a_part_about_repeat_offenders() -> None:
    first = "What is the maximum fine for an individual's first offense of selling fakes?"
    repeat = "What fine does a repeat offender face for selling fakes?"
    first_penalty = "(A) a person selling fakes shall be fined not more than $2,000,000;"
    repeat_penalty = "(B) for a second or subsequent offense, a fine of up to $5,000,000;"

    assert answered(first, first_penalty) == {0}
    assert answered(first, repeat_penalty) == set()
    assert answered(repeat, repeat_penalty) == {0}
    assert answered(repeat, first_penalty) == set()


def test_a_date_answers_when_something_went_live_only_where_it_went_live() -> None:
    question = "What date did the seller-reporting portal go live after the March summit?"

    assert answered(question, "On March 3, 2024, officials held the summit on the portal.") == set()
    assert answered(question, "The seller-reporting portal went live on May 1, 2024.") == {0}


@pytest.mark.parametrize(
    ("question", "sentence", "part"),
    [
        (
            "At the March settlement conference, did the parties settle, and who came as the "
            "importer's chief executive?",
            "Also present are Dana Reyes, counsel for Defendant Harbor Light Imports; Milo "
            "Brandt, chief executive for Defendant Harbor Light Imports.",
            1,
        ),
        (
            "By when did the Commissioner have to issue regulations on donated scanners?",
            "Not later than the date that is 90 days after March 1, 2020, the Commissioner shall "
            "prescribe regulations to accept donated scanners.",
            0,
        ),
        (
            "What's the consequence for the merchandise itself under subsection (b)?",
            "Any such goods imported in violation of this section shall be subject to seizure.",
            0,
        ),
        (
            "Which official has to coordinate with foreign customs police?",
            "The Secretary of Homeland Security shall coordinate with foreign customs police.",
            0,
        ),
        (
            "Who wrote the March 4 note proposing the harbor warehouse as a drop point?",
            "The complaint quotes a March 4 letter from Ilsa Varga, a freight broker, proposing "
            "the harbor warehouse as a drop point.",
            0,
        ),
        (
            "Where was Ilsa Varga living when the four were arraigned?",
            "The defendants are Ilsa Varga, 40, a resident of Marlow, and three others.",
            0,
        ),
    ],
    ids=[
        "present-is-came",
        "prescribed-is-issued",
        "subject-to-is-consequence",
        "secretary",
        "letter-from-is-wrote",
        "resident-of-is-living",
    ],
)
def test_a_word_of_the_same_meaning_meets_what_a_part_asks(
    question: str, sentence: str, part: int
) -> None:
    assert part in answered(question, sentence)


def test_what_period_asks_how_long() -> None:
    question = "Within what period after entry does a resale make the exempted goods forfeitable?"
    statute = (
        "If any exempted article is sold within one year after the date of entry, the article "
        "or its value is subject to forfeiture."
    )

    assert kinds(question)[0] is AnswerType.DURATION
    assert 0 in answered(question, statute)
    assert AnswerType.DURATION not in kinds("At what period of the year do seizures peak?")


def test_a_period_is_answered_by_its_ends() -> None:
    question = "Over what time span did the Pell brothers run the counterfeit perfume shop?"
    ends = "From March 2011 through June 2015, the Pell brothers sold counterfeit perfume."
    charge = "The Pell brothers were charged with trafficking in counterfeit goods."

    assert kinds(question) == [AnswerType.DURATION]
    assert 0 in answered(question, ends)
    assert 0 not in answered(question, charge)


def test_a_prison_term_told_as_so_many_years_answers_what_term() -> None:
    question = "What prison terms did Albert Vole and Maksym Brisk get?"

    assert answered(question, "Brisk received a 30-year prison term in Ostland for fraud.") == {0}
    assert answered(question, "Brisk served a 30-year term as mayor of Marlow.") == set()


def test_which_country_is_answered_by_a_country_named_without_a_preposition() -> None:
    question = (
        "When was the Halden Casino hit by a cyber attack, and which country did investigators "
        "blame?"
    )

    assert answered(question, "Ultimately, investigators implicated Iran in the intrusion.") == {1}
    assert (
        answered(question, "Ultimately, investigators implicated Vole in the intrusion.") == set()
    )


def test_an_operation_is_asked_for_by_its_name() -> None:
    question = "What was the multiagency operation that led to the indictment of Dana Vole?"

    assert kinds(question) == [AnswerType.PERSON]
    assert kinds("Under what FBI initiative was the Vole case investigated?") == [AnswerType.PERSON]
    assert AnswerType.PERSON not in kinds("What did Operation Halden end up seizing?")
    assert 0 in answered(
        question, "The indictment is the result of a multiagency effort called Operation Glass."
    )


def test_supervised_release_asked_beside_the_prison_term_is_not_the_prison_term() -> None:
    question = "How long a term of supervised release did Dana Vole get on top of her prison term?"
    followed = (
        "Vole was sentenced to 13 months in prison, followed by two years of supervised release."
    )

    assert answered(question, "Vole was sentenced to 13 months in prison.") == set()
    assert answered(question, followed) == {0}
    assert answered("What prison term did Vole get?", "Vole was sentenced to 13 months.") == {0}


def test_a_share_of_proceeds_is_answered_only_by_a_share_given() -> None:
    question = (
        "How long after forfeiture may the goods be sold at auction, and what share of the "
        "auction proceeds goes to the trademark owner?"
    )

    assert kinds(question) == [AnswerType.DURATION, AnswerType.ANY]
    assert answered(
        question, "The goods may be sold at public auction 90 days after forfeiture."
    ) == {0}
    owner_gets = "The trademark owner receives one-half of the auction proceeds."
    assert answered(question, owner_gets) == {1}
    assert answered(
        "What share of the seizures came from Ostland?",
        "Goods from Ostland accounted for 66 per cent of the seizures.",
    ) == {0}
    assert answered(
        "What may the agency share with the owner of the mark?",
        "The agency may share a photograph of the goods with the owner of the mark.",
    ) == {0}


def test_who_pays_a_cost_asks_for_someone_and_a_deadline_of_given_length_asks_no_date() -> None:
    assert kinds("Under the section, who has to pay the cost of destroying the labels?") == [
        AnswerType.PERSON
    ]
    assert kinds("Who paid the fine, and how much was it?") == [
        AnswerType.PERSON,
        AnswerType.MONEY,
    ]
    assert kinds(
        "What fine does the section set for a defendant who misses the thirty-day deadline?"
    ) == [AnswerType.MONEY]
    assert kinds("What is the deadline to file the report?") == [AnswerType.DATE]


def test_a_term_someone_else_received_is_not_the_one_asked_about() -> None:
    question = "What sentence did Charles Dana Vole of Marlow receive for buying card numbers?"

    assert (
        answered(question, "Brisk earlier received a 30-year prison sentence in Ostland.") == set()
    )
    assert answered(question, "Vole received a 30-year prison term in Ostland.") == {0}


@pytest.mark.parametrize("stand_in", ["the Victim Company", "the Proprietary Software Firm"])
def test_a_term_a_filing_keeps_a_name_back_by_names_no_one(stand_in: str) -> None:
    question = "What is the name of the software company whose source code Dana Vole stole?"
    sentence = f"The source code Vole stole was developed and marketed by {stand_in} in Ostland."

    assert answered(question, sentence) == set()
    assert answered(question, sentence.replace(stand_in, "Halden Systems")) == {0}


@pytest.mark.parametrize(
    "sentence",
    [
        "Vole had installed a copy of the source code on the UC Network (i.e., the Vole Upload).",
        'Vole sold the source code to a buyer at a lodge (the "Marlow Lodge").',
        "According to the Superseding Indictment filed against Vole, he copied the code.",
    ],
)
def test_a_term_a_filing_defines_or_the_filing_itself_names_no_company(sentence: str) -> None:
    question = "What is the name of the software company whose source code Dana Vole stole?"

    assert answered(question, sentence) == set()
    assert answered(question, "Vole stole the code from Halden Systems in Ostland.") == {0}


def test_a_domain_name_after_a_preposition_is_not_what_is_asked() -> None:
    asked = kinds(
        "Under the statute, what conduct toward a domain name registrar makes a violation willful?"
    )

    assert AnswerType.WEB_ADDRESS not in asked
    assert kinds("Which domain names did the agents seize?") == [AnswerType.WEB_ADDRESS]


def test_what_keeps_goods_from_being_forfeited_asks_no_amount() -> None:
    asked = kinds("What does the section say keeps seized watches from being forfeited?")

    assert AnswerType.MONEY not in asked
    assert kinds("How much did Dorn agree to forfeit?") == [AnswerType.MONEY]


def test_a_statute_answers_who_with_the_role_it_gives_a_duty_to() -> None:
    question = "In a claim for the infringer's profits, who has to prove the costs?"
    statute = (
        "In assessing profits the plaintiff shall be required to prove sales only; the defendant "
        "must prove all elements of cost or deduction claimed."
    )
    consulting = "Whom does the Commissioner have to consult on training for customs officers?"
    duty = "The Commissioner shall consult with private sector entities on training for officers."

    assert 0 in answered(question, statute)
    assert 0 in answered(consulting, duty)
    assert 0 not in answered(consulting, "The Commissioner consulted the officers on training.")
    # The duty asked with a modal ("must") is still asked about consulting.
    modal = "Whom must the Commissioner consult to collaborate on training customs officers?"
    assert 0 in answered(modal, duty)


def test_which_us_attorney_asks_for_an_attorney_not_for_the_letter_u() -> None:
    question = "Which Assistant U.S. Attorney is handling the prosecution of Orla Quist?"
    prosecutor = "Assistant U.S. Attorney Dana Ruiz of the Fraud Unit is in charge of the case."
    buyer = "Quist sold the routers to Lee Park, a reseller in the U.S. and Canada."

    assert 0 in answered(question, prosecutor)
    assert 0 not in answered(question, buyer)


def test_who_may_challenge_a_refusal_is_answered_by_whom_the_law_lets_protest_it() -> None:
    question = "Who may challenge a customs refusal of entry for falsely marked goods?"
    leave = (
        "The owner, importer, or consignee of goods refused entry under this section may have "
        "any recourse by protest or appeal."
    )

    assert answered(question, leave) == {0}
    assert answered(question, "Goods refused entry under this section may be destroyed.") == set()


def test_a_count_given_after_what_it_counts_is_read() -> None:
    question = "How many CHIP units did the Department have, and how many CHIP prosecutors?"
    units = "Two new units opened, bringing the total number of CHIP units to 25."
    prosecutors = "It also increased the number of CHIP prosecutors nationwide to 230."

    assert answered(question, units) == {0}
    assert answered(question, prosecutors) == {1}
    assert answered(question, "The number of defendants charged rose from 109 to 180.") == set()


def test_a_later_part_about_another_body_needs_a_sentence_naming_it() -> None:
    question = (
        "Of the grant money, how much went to Marlow County and how much to the Ferris State "
        "Police?"
    )
    award = "Marlow County will receive nearly $124,000 to train its Police Department."
    context_first = "When and before which judge were the four Boulder men arraigned?"
    arraignment = "They were arraigned on May 2, 2019 before Magistrate Judge Ann Cole."

    assert answered(question, award) == {0}
    assert 1 in answered(question, "The Ferris State Police will receive $98,000.")
    assert answered(context_first, arraignment) == {0, 1}


def test_a_further_part_may_open_with_a_preposition_or_a_hedge() -> None:
    question = (
        "Roughly how many queries did the intruders run, and through about how many servers "
        "did they route their traffic?"
    )
    routed = "They routed their traffic through approximately 34 servers in 20 countries."

    assert [aspect.kind for aspect in Question.parse(question).aspects] == [
        AnswerType.COUNT,
        AnswerType.COUNT,
    ]
    assert answered(question, routed) == {1}


def test_a_term_in_years_and_a_half_written_as_a_fraction_answers() -> None:
    question = "How long a prison term did the Marlow man get for importing fake rowing machines?"
    headline = "Marlow Man Sentenced to 2½ Years in Prison for Importing Fake Rowing Machines"

    assert answered(question, headline) == {0}


def test_a_term_prosecutors_asked_for_answers_only_what_they_asked_for() -> None:
    question = (
        "What prison term did Dana Vole get, and how many months had the prosecutor asked for?"
    )
    request = "In asking for a 57 month prison sentence, the prosecutor called Vole a danger."

    assert answered(question, request) == {1}
    assert answered(question, "Vole was sentenced to 36 months in prison.") == {0}


def test_a_trials_length_is_no_prison_term() -> None:
    question = "After the judge found Lena Ward guilty, what prison term did he impose?"
    ruling = "The ruling was handed down by the judge following a four-day\nbench trial."

    assert answered(question, ruling) == set()
    assert answered(question, "The judge handed Ward a 30-month prison term.") == {0}


def test_what_term_was_he_ultimately_sentenced_to_asks_for_the_term() -> None:
    asked_term = "What prison term was Ward ultimately sentenced to?"
    asked_end = "Did Ward end up being sentenced to prison?"

    assert kinds(asked_term) == [AnswerType.PRISON_SENTENCE]
    assert AnswerType.OUTCOME in kinds(asked_end)


def test_how_many_of_a_named_kind_is_not_answered_by_a_count_of_another() -> None:
    question = "How many Levitra tablets did the agents buy from Fenwick?"
    bought = "Agents bought approximately 2,000 Viagra tablets and 500 Cialis tablets from Fenwick."
    prices = (
        "Fenwick offered Viagra tablets for $1.00 each, Cialis tablets for $1.20 each and "
        "Levitra tablets for $1.40 each."
    )
    named = "Agents bought 300 Levitra tablets from Fenwick."

    assert answered(question, bought) == set()
    assert answered(question, prices) == set()
    assert answered(question, named) == {0}


def test_millions_of_people_are_no_amount_of_money() -> None:
    question = "How many dollars did the breach cost the credit bureau?"

    assert (
        answered(question, "The intruders took the records of nearly 150 million Americans.")
        == set()
    )
    described = "They stole the personal data of approximately 145 million American victims."
    assert answered(question, described) == set()
    assert 1 in answered(question, "The breach cost the credit bureau 1.4 billion dollars.")


def test_a_place_named_in_two_words_is_no_one_a_document_must_name() -> None:
    question = Question.parse(
        "In the case against a retired British Columbia dentist, which post office were the "
        "pills shipped to?"
    )
    release = "The pills were shipped to the Blaine Post Office and carried across to Canada."

    assert question.names == ()
    assert decides(question, release)


def test_how_many_of_a_list_counts_the_first_thing_listed() -> None:
    question = "How many counterfeit handbags, belts and wallets did police seize from her shop?"
    pleaded = "Pell pleaded guilty to seven counts of possessing counterfeit goods for sale."
    seized = "Police seized 120 counterfeit handbags, 40 belts and 85 wallets from her shop."

    assert answered(question, pleaded) == set()
    assert answered(question, seized) == {0}


def test_a_defendant_introduced_with_his_age_at_a_sentence_end_is_someone_else() -> None:
    question = Question.parse("How much was Dara Pell fined?")
    release = (
        "Dara Pell, age 52, was sentenced today to 8 months in prison for trafficking in "
        "counterfeit perfume. Among those previously sentenced is her cousin, Lev Tamm, age 49. "
        "Five days later, Tamm was sentenced to 42 days in jail and a $5,000 fine."
    )

    assert not decides(question, release)


def test_a_prosecutor_is_named_by_an_attorney_s_title() -> None:
    sentence = "Assistant U.S. Attorney Dana Ruiz is prosecuting the case."

    assert answered("Who was the prosecutor on the Pell case?", sentence) == {0}


def test_a_part_asking_yes_or_no_asks_for_no_amount() -> None:
    question = "Can a domain name registrar be held liable for damages in an in rem action?"
    rule = (
        "The domain name registrar shall not be liable for injunctive or monetary relief under "
        "this paragraph except in the case of bad faith or reckless disregard."
    )

    assert kinds(question) == [AnswerType.ANY]
    assert kinds("How much in damages can the mark owner recover?") == [AnswerType.MONEY]
    assert decides(Question.parse(question), rule)


def test_how_much_of_something_that_is_no_money_asks_for_a_quantity() -> None:
    question = "Which statute was cited, and how much customer data did the intruders steal?"
    stolen = "In 2019 the intruders stole 407 gigabytes of customer data from the retailer."
    fined = "The court fined the firm $40,000."

    assert kinds(question) == [AnswerType.STATUTE, AnswerType.COUNT]
    assert answered(question, stolen) == {1}
    assert 1 not in answered(question, fined)
    assert kinds("How much restitution was Pell ordered to pay?") == [AnswerType.MONEY]
    ransom = "How much cryptocurrency did Pell demand from the retailer?"
    assert kinds(ransom) == [AnswerType.MONEY]
    assert answered(ransom, "Pell said he must be paid $15,000 in cryptocurrency.") == {0}


def test_a_statute_word_after_the_verb_is_not_what_is_asked() -> None:
    assert kinds("What intent does the cybersquatting provision require?") == [AnswerType.ANY]
    assert kinds("Which section does the indictment cite?") == [AnswerType.STATUTE]
    assert kinds("What was the bill number of the act?")[0] is AnswerType.STATUTE


def test_who_the_firms_officer_was_asks_for_a_person_the_release_names() -> None:
    question = Question.parse(
        "Who was the Ostland supplier's security head that warned the conspirators?"
    )
    release = (
        "The conspirators hacked an Ostland supplier of engine parts. Lin Arvo, the "
        "company's head of security, warned the conspirators when the police called."
    )

    assert decides(question, release)


def test_an_amount_the_question_gives_is_no_answer() -> None:
    question = "Of the more than $6.5 million seized, how much was in cash and how much in crypto?"
    total = "The operation resulted in the seizure of over $6.5 million in cash and cryptocurrency."
    split = "Agents seized $6.5 million: $2.1 million in cash and $4.4 million in cryptocurrency."

    assert answered(question, total) == set()
    assert answered(question, split) == {0, 1}


def test_which_case_is_answered_by_a_case_cited_by_its_parties() -> None:
    question = "Which 1904 Supreme Court case did the speaker cite on the rights of aliens?"
    cited = "Turner v. Williams, 194 U.S. 279 (1904) (an alien is not one of the people)."
    prosecutor = "Who was the prosecutor on the Pell case?"

    assert answered(question, cited) == {0}
    assert answered(prosecutor, "The case is captioned United States v. Pell.") == set()


def test_a_sentence_led_by_another_persons_name_tells_nothing_of_the_one_asked_about() -> None:
    question = 'What prison term was Dana "Dee" Vole ultimately sentenced to?'
    other = "Ira Quist was sentenced last year to more than 24 years in federal prison."
    hers = "Vole was sentenced to 30 months in federal prison."
    agent = "Special Agent Lin Arvo said Vole was sentenced to 30 months in prison."

    assert Question.parse(question).names == (("dana", "vole"),)
    assert answered(question, other) == set()
    assert answered(question, hers) == {0}
    assert answered(question, agent) == {0}


def test_someone_who_shares_a_name_with_the_one_asked_about_is_someone_else() -> None:
    question = "How long was Tao Lin sentenced to prison for taking the turbine designs?"
    namesake = "Last month, Carl Lin, a former engineer, was sentenced to 70 months in prison."
    his = "Tao Lin was sentenced to 30 months in prison."
    in_full = "Tao Wei Lin, a former engineer, was sentenced to 30 months in prison."
    by_title = "Last month, Mr. Lin was sentenced to 30 months in prison."

    assert answered(question, namesake) == set()
    assert answered(question, his) == {0}
    assert answered(question, in_full) == {0}
    assert answered(question, by_title) == {0}
    assert answered("What sentence did Tao Lin (Carl Tao) receive?", his) == {0}


def test_someone_named_with_who_he_is_before_his_sentence_is_someone_else() -> None:
    question = "What sentences did Dana Vole and Piet Lund receive in the turbine export case?"
    fact_sheet = (
        "Parts to Ostland - On Oct. 15, 2008, Ilsa Mara Varga, a former buyer for the Marlow "
        "Works in Ostland, was sentenced to 2 years in prison."
    )

    assert answered(question, fact_sheet) == set()
    assert answered(question, fact_sheet.replace("Ilsa Mara Varga", "Dana Vole")) == {0}


def test_a_maximum_broken_across_lines_is_no_sentence_received() -> None:
    question = "What prison sentence did Dana Vole eventually receive?"
    maximum = "The charge against Dana Vole provides for a sentence of up\nto 10 years in prison."

    assert answered(question, maximum) == set()
    assert answered(question, "Dana Vole was sentenced\nto 10 years in prison.") == {0}


def test_a_deadline_a_rule_sets_is_no_date_the_thing_was_done() -> None:
    rule = (
        "Not later than 180 days after March 1, 2016, the Director shall prescribe rules to "
        "accept donated scanners."
    )

    assert answered("On what date did the Director actually publish the rules?", rule) == set()
    assert answered("By when did the Director have to prescribe the rules?", rule) == {0}
    assert answered("By when was the Director required to prescribe the rules?", rule) == {0}
    assert answered(
        "On what date did the Director publish the rules?",
        "The Director published the rules on June 3, 2016.",
    ) == {0}


def test_the_value_of_something_is_an_amount_only_in_a_rule_that_sets_one() -> None:
    question = "How much did Quillmart win in its civil suit against Ostland Robotics?"
    bonuses = "Ostland paid bonuses to employees based on the value of what they took."
    rule = "The organization may be fined not more than twice the value of the goods."

    assert answered(question, bonuses) == set()
    assert answered("What fine can an organization get for trafficking?", rule) == {0}


def test_which_thing_that_is_no_money_is_asked_for_though_a_money_word_follows() -> None:
    assert kinds("Which procedures govern criminal forfeiture under section 2323?") == [
        AnswerType.ANY
    ]
    assert kinds("What property is subject to forfeiture?") == [AnswerType.ANY]
    assert kinds("What range of statutory damages can a plaintiff elect?") == [AnswerType.MONEY]
    assert kinds("What was he ordered to forfeit?") == [AnswerType.MONEY]
    assert kinds("What is the most in statutory damages per mark?") == [AnswerType.MONEY]


def test_a_date_written_with_an_ordinal_is_a_date() -> None:
    question = "On what date did the director say she approved the new border strategy?"

    assert answered(question, "On March 3rd I approved the new border strategy.") == {0}
    assert answered(question, "On the 3rd of March I approved the new border strategy.") == {0}
    assert answered(question, "In the third year I approved the new border strategy.") == set()


def test_a_yes_or_no_after_and_is_a_part_of_its_own() -> None:
    question = Question.parse(
        "What happens to seized fake handbags after the case closes, and is there any exception?"
    )

    assert [aspect.asks for aspect in question.aspects] == [
        "What happens to seized fake handbags after the case closes",
        "is there any exception",
    ]
    assert len(Question.parse("Where did and does the seller ship from?").aspects) == 1


def test_what_a_court_must_do_asks_for_no_person() -> None:
    assert kinds("What must the court do with the forfeited scopes?") == [AnswerType.ANY]
    assert kinds("Which court must hear the in rem action?") == [AnswerType.PERSON]


def test_the_term_a_plea_deal_caps_what_the_government_will_seek_answers_what_it_would_ask() -> (
    None
):
    question = "At the plea, what prison term did prosecutors agree they would ask for?"

    assert answered(
        question,
        "Under the plea deal, the government agreed not to seek a prison sentence over four years.",
    ) == {0}
    assert answered(question, "He was later sentenced to three years in prison.") == set()


def test_what_an_unnamed_man_was_ordered_to_pay_is_not_what_a_co_defendant_owes() -> None:
    question = Question.parse(
        "How much restitution was Dale Mercer ordered to pay for the fake pins?"
    )
    release = hit(
        "RIVERTON - A man was sentenced today to six years in prison and ordered to pay $88,000 "
        "in restitution for importing fake enamel pins. Victor Hollis, 51, Riverton, pleaded "
        "guilty to one felony count. Co-defendant Dale Mercer, 47, pleaded guilty last year.",
        "d1:0",
    )
    about_him = hit(
        "RIVERTON - A man was sentenced today to six years in prison and ordered to pay $88,000 "
        "in restitution for importing counterfeit pins. Dale Mercer, 47, Riverton, pleaded "
        "guilty to one felony count.",
        "d2:0",
    )

    assert parts_where(question, [release, about_him], "$88,000") == [
        ("d1", frozenset()),
        ("d2", frozenset({0})),
    ]


def test_an_unnamed_defendant_named_after_the_announcement_is_not_the_one_asked_about() -> None:
    question = Question.parse("How long was Dale Mercer sentenced to for the fake pins?")
    release = hit(
        "A man who imported fake enamel pins was sentenced today to 37 months in prison. "
        "U.S. Attorney Jane Roe and Special Agent in Charge Ann Lee made the announcement. "
        "Victor Hollis, 51, of Riverton, pleaded guilty in May. Dale Mercer, 47, awaits trial.",
        "d1:0",
    )
    about_him = hit(
        "A man who imported counterfeit enamel pins was sentenced today to 37 months in prison. "
        "U.S. Attorney Jane Roe and Special Agent in Charge Ann Lee made the announcement. "
        "Dale Mercer, 47, of Riverton, pleaded guilty in May.",
        "d2:0",
    )

    assert parts_where(question, [release, about_him], "37 months") == [
        ("d1", frozenset()),
        ("d2", frozenset({0})),
    ]


def test_a_defendant_or_what_he_conspired_to_do_asks_of_him_not_of_his_co_defendants() -> None:
    other = "In the Northern District of Georgia, Todd Richard, 33, was sentenced to 36 months."
    defendant = "What sentence did defendant Robert Edman get for the counterfeit routers?"
    conspiring = "How long did Robert Edman get for conspiring to sell counterfeit routers?"

    assert answered(defendant, other) == set()
    assert answered(conspiring, other) == set()
    assert answered("What sentences did Robert Edman's co-defendants get?", other) == {0}


def test_what_he_was_given_after_a_verdict_on_another_is_not_what_the_one_asked_got() -> None:
    question = Question.parse("How long a prison term did Pavel Orlov get for the smuggling?")
    release = hit(
        "An arrest warrant for Pavel Orlov was issued in June 2014 for the smuggling. The jury "
        "heard from more than 40 witnesses over three weeks. A jury found Dorsey guilty on all "
        "nine counts. He was sentenced to 30 years in prison.",
        "d1:0",
    )

    found = candidates(question, [release], flat_idf(question.terms + question.key_terms))

    assert [c.parts for c in found if "30 years" in c.text] == [frozenset()]


def test_a_surname_with_who_he_is_or_after_a_lead_in_is_another_subject() -> None:
    question = "What sentence did Carl Tomas Whitby receive for buying the stolen card numbers?"

    other = "Ferreira, arguably the most prolific thief of all, was sentenced to 20 years."
    assert answered(question, other) == set()
    led_in = "Two examples: Mark Ellison Hale, a former chairman, is serving a 30-year sentence."
    assert answered(question, led_in) == set()
    today = "Today, the judge sentenced him to 20 years in prison."
    assert answered(question, today) == {0}
    sentenced = "The Court sentenced Ferreira to 72 months in federal prison."
    assert answered(question, sentenced) == set()
    appositive = (
        "There is the case of Ion-Vasile Dragan, a Romanian who received a 15-year sentence."
    )
    assert answered(question, appositive) == set()
    initial = "R. Dale Pruitt, who defrauded 40 banks, is serving a 110-year sentence."
    assert answered(question, initial) == set()
    convictions = (
        "The team's work led to the conviction of Harlow and Voss on all charges and their "
        "sentences to 580 and 300 years of imprisonment."
    )
    assert answered(question, convictions) == set()
    earlier = "Okonjo was previously convicted in London and sentenced to 13 years in prison."
    assert answered(question, earlier) == set()


def test_what_he_was_given_after_another_was_named_is_not_what_the_one_asked_got() -> None:
    question = Question.parse("How much was Mei Ling Tan fined in the fake perfume case?")
    release = hit(
        "Mei Ling Tan, 52, was sentenced to ten months in prison. The family came to the "
        "United States in 2009 on visitor visas. While overstaying them, each applied for a "
        "green card. In March 2021, Wen Bo Lim was arrested at the airport on the charges. He "
        "was sentenced to time served and a $3,000 fine.",
        "d1:0",
    )
    about_her = hit(
        "Mei Ling Tan, 52, was sentenced to ten months in prison. She was also ordered to pay "
        "a $4,000 fine.",
        "d2:0",
    )

    assert parts_where(question, [release, about_her], "fine.") == [
        ("d1", frozenset()),
        ("d2", frozenset({0})),
    ]


def test_what_how_many_counts_is_its_plural_when_a_verb_follows() -> None:
    question = "How many orders went through the two frozen seller accounts, and who ran them?"

    assert Question.parse(question).aspects[0].counted == frozenset(terms("orders"))
    assert answered(question, "Over 4,210 orders went through the two frozen accounts.") == {0}


def test_the_prosecutor_handling_a_case_is_named_by_the_deed_after_the_name() -> None:
    sentence = (
        "The U.S. Attorney praised Assistant U.S. Attorney Mara Quill, who is handling the case."
    )

    assert answered("Which AUSA is handling the coupon case?", sentence) == {0}
    assert answered("Who was handling the case?", sentence) == {0}
    assert answered("Who was charged in the case?", sentence) == set()


def test_how_much_someone_was_to_be_paid_needs_no_word_for_paying() -> None:
    question = "How much was the consultant supposed to be paid for the trip?"

    assert answered(question, "The consultant was to get $900 a day for the trip.") == {0}
    assert answered("What fine was the consultant ordered to pay?", "He got $900 a day.") == set()


def test_the_judge_of_someone_elses_case_is_not_the_judge_asked_for() -> None:
    question = "Which judge sentenced Mara Holt for the fake perfume?"

    assert answered(question, "U.S. District Judge Ana Ruiz sentenced Mara Holt to two years.") == {
        0
    }
    assert answered(question, "Tom Reyes, 51, was sentenced by U.S. District Judge Ana Ruiz.") == (
        set()
    )
    assert (
        answered(
            question, 'Tomas "Tommy" Reyes, 51, pleaded guilty before U.S. District Judge Ana Ruiz.'
        )
        == set()
    )
    junior = "Tom Reyes Jr., 51, pleaded guilty before U.S. District Judge Ana Ruiz."
    assert answered(question, junior) == set()


def test_how_long_a_document_is_asks_for_its_pages() -> None:
    question = "How long was the inspector general's report on the seizures?"

    assert kinds(question) == [AnswerType.COUNT]
    assert answered(question, "Nobody outside the office has read the 412-page report.") == {0}
    assert answered(question, "The report was released in 2019 after a two-year review.") == set()
    assert kinds("How long was the seller in custody?") == [AnswerType.DURATION]
    assert kinds("How long was the classified Inspector General report on it?") == [
        AnswerType.COUNT
    ]


def test_what_a_store_was_called_is_answered_where_it_is_called_a_market() -> None:
    question = "What was the store called where Omar Reyes sold the fake pills?"

    assert answered(question, "Reyes ran Casa Verde, a corner market on Elm Street.") == {0}
    assert answered(question, "Reyes was arrested in May at his home in Elm Park.") == set()


def test_a_prison_term_given_after_whom_it_was_given_is_not_asked_for() -> None:
    question = "Which federal judge sentenced Ardit Ferizi to 20 years in prison?"

    assert kinds(question) == [AnswerType.PERSON]
    assert answered(question, "In September 2016, Ferizi was sentenced to 20 years.") == set()
    assert kinds("Who sentenced him to 20 years, and when?")[0] is AnswerType.PERSON


def test_a_real_name_asked_for_is_not_answered_by_an_online_name() -> None:
    question = "What is the real name of the vendor known online as KX9 who was arrested in Oslo?"

    assert kinds(question) == [AnswerType.PERSON]
    assert answered(question, "A man known online as KX9 was arrested in Oslo.") == set()
    assert answered(question, "Tor Halvorsen, known online as KX9, was arrested in Oslo.") == {0}


def test_a_term_given_in_a_clause_about_someone_else_is_not_the_one_asked_for() -> None:
    question = "What sentence did Dario Venn of Tacoma receive for buying Ostrow's card numbers?"
    sentence = (
        "Ostrow was sentenced to seven years in prison, Kessler received a nine year sentence, "
        "and Venn is awaiting trial."
    )

    assert answered(question, sentence) == set()
    assert answered(question, "Ostrow is awaiting trial, and Venn was sentenced to 2 years.") == {0}
    assert answered(question, "Venn was sentenced to 2 years in prison.") == {0}


def test_a_judges_title_without_a_name_does_not_answer_which_judge() -> None:
    question = "Which magistrate judge signed the seizure warrants for the jersey domains?"

    assert answered(question, "Warrants were issued by a U.S. Magistrate Judge in Ohio.") == set()
    assert answered(question, "Warrants were issued by U.S. Magistrate Judge Ana Ruiz.") == {0}
    assert answered(question, "The Honorable Ana Ruiz, U.S. Magistrate Judge, signed them.") == {0}
    assert answered(question, "They were signed by Ana Ruiz, U.S. Magistrate Judge.") == {0}
    assert answered(question, "They were signed for Ana Ruiz, the U.S. Attorney.") == set()


def test_a_district_a_church_or_a_network_is_no_persons_name() -> None:
    question = "What was the name of the prosecutor posted to Bangkok as coordinator?"

    assert answered(question, "The prosecutor posted to Bangkok was Dana Reyes Whitfield.") == {0}
    assert answered(question, "The prosecutor posted to Bangkok came from Northern Ohio.") == set()
    network = "The prosecutor posted to Bangkok set up an Asian Crimes Enforcement Network."
    assert answered(question, network) == set()
    # A firm's name may start with such a word; it names a firm, not the prosecutor.
    firm = "The prosecutor posted to Bangkok ran the company Networking Partners Inc."
    assert answered("Which company did the prosecutor posted to Bangkok run?", firm) == {0}
    assert answered(question, firm) == set()


def test_a_body_the_question_names_by_its_initials_is_named_in_full_by_the_answer() -> None:
    question = "Which firm employed Tomas Reyd, and on what date did CBP officers find the seeds?"
    sentence = "On May 4, 2013, U.S. Customs and Border Protection officers found the seeds."

    assert answered(question, sentence) == {1}
    assert answered(question, "On May 4, 2013, state police officers found the seeds.") == set()


def test_an_event_may_be_told_in_other_words_than_the_questions() -> None:
    question = "On what date was Tomas Reyd fired by Velmont?"

    assert answered(question, "Reyd was an engineer until he was terminated on May 4, 2010.") == {0}
    assert answered(question, "Reyd was an engineer until he resigned on May 4, 2010.") == set()


def test_where_a_term_is_defined_asks_for_a_section_not_a_place() -> None:
    question = "Under 18 U.S.C. 2319, where is the term financial gain defined?"

    assert kinds(question) == [AnswerType.STATUTE]
    assert answered(question, "(3) the term financial gain has the meaning given in section 101.")
    assert kinds("Where was he arrested?") == [AnswerType.PLACE]


def test_where_in_a_section_a_rule_is_asks_for_its_subsection() -> None:
    question = "Where in the section is the punishment for an attempt set?"
    rule = "Whoever attempts to violate it shall be punished as provided in subsection (b)."

    assert kinds(question) == [AnswerType.STATUTE]
    assert answered(question, rule) == {0}
    assert answered(question, "The punishment is set by the court at the hearing.") == set()


def test_what_lets_someone_act_asks_for_a_thing_not_a_person() -> None:
    question = "What interstate connection lets prosecutors bring a counterfeit label charge?"

    assert AnswerType.PERSON not in kinds(question)
    assert kinds("Which federal prosecutors brought the charge?") == [AnswerType.PERSON]


def test_a_statutes_office_answers_who_does_a_duty_but_gives_no_name() -> None:
    sentence = "The Assistant Director of the Center shall conduct outreach to private firms."

    assert answered("Who conducts outreach to private firms for the Center?", sentence) == {0}
    assert answered("What is the name of the official who conducts outreach?", sentence) == set()


def test_a_law_review_is_an_organisation_not_a_law() -> None:
    question = "Which two law review organizations jointly own the KESTREL mark?"

    assert kinds(question) == [AnswerType.PERSON]
    assert answered(question, "Current owner: THE OSLO LAW REVIEW ASSOCIATION, INC.") == {0}
    assert kinds("Which law makes trafficking a crime?") == [AnswerType.STATUTE]


def test_which_statute_a_count_cites_is_read_from_its_row_in_a_table() -> None:
    question = Question.parse(
        "Which statute is cited for count 2, conspiring to steal trade secrets?"
    )
    table = (
        "Count(s)\nCharge\nStatute\nMaximum Penalty\n"
        "1\nWire fraud\n18 U.S.C. § 1343\n20 years\n"
        "2\nConspiring to steal trade secrets\n18 U.S.C. § 1832(a)(5)\n10 years"
    )

    assert parts_where(question, [hit(table)], "1832") == [("d1", frozenset({0}))]


def test_a_bodys_name_going_on_at_the_next_line_is_no_persons_name() -> None:
    question = "Who was the prosecutor posted to the embassy in Bangkok?"
    network = "Prosecutors posted there build an Intellectual Property Crimes\nEnforcement Network."

    assert answered(question, network) == set()
    assert answered(question, "The prosecutor posted to Bangkok was\nDana Ruiz.") == {0}


def test_a_firms_name_does_not_name_the_engineer_asked_about() -> None:
    engineer = "What is the name of the former engineer convicted of stealing trade secrets?"
    firm = "Employees of Metaldyne Corporation were convicted of stealing trade secrets."
    person = "Jane Roe, a former engineer, was convicted of stealing trade secrets."
    company = "Which company employed the people convicted of stealing trade secrets?"

    assert answered(engineer, firm) == set()
    assert answered(engineer, person) == {0}
    assert answered(company, firm) == {0}


def test_a_name_rendered_again_in_brackets_is_no_other_name() -> None:
    question = "Which university did Li Xiaoyu and Dong Jiazhi attend?"
    renderings = (
        "LI Xiaoyu (Li Xiao Yu), 34, and DONG Jiazhi (Dong Jia Zhi), 33, attended the same "
        "university."
    )
    named = "Li Xiaoyu and Dong Jiazhi attended Sichuan University."

    assert kinds(question) == [AnswerType.PERSON]
    assert answered(question, renderings) == set()
    assert answered(question, named) == {0}


def test_how_many_of_a_people_in_capitals_counts_them() -> None:
    question = "How many Americans did the gunman shoot at the air station?"

    assert answered(question, "The gunman shot eight Americans before he was killed.") == {0}
    assert answered(question, "The gunman fired two rounds into his own phones.") == set()


def test_which_agency_is_answered_by_a_body_named_in_any_words() -> None:
    question = "Which Ostland agency did one of the hackers brag about being close to?"

    boast = 'One hacker boasted that he was "very close" to the Ministry of State Security.'
    assert answered(question, boast) == {0}
    assert answered(question, "One hacker boasted that he was very close to his brother.") == set()


def test_how_much_merchandise_is_answered_by_its_worth() -> None:
    question = "How much counterfeit merchandise was involved in the Marlow luxury goods case?"

    worth = "The Marlow case involved more than $100 million in counterfeit luxury goods."
    assert answered(question, worth) == {0}
    assert answered(question, "The Marlow case ended with $5 million in restitution.") == set()
    assert (
        answered(
            "How many counterfeit handbags were seized?", "It seized $2 million in fake handbags."
        )
        == set()
    )
    value = "What was the value of the counterfeit goods in the Marlow conspiracy?"
    handbags = "The Marlow conspiracy involved $1.4 million in counterfeit luxury handbags."
    assert answered(value, handbags) == {0}
    assert answered(value, "The Marlow conspirators paid $5 million in restitution.") == set()


def test_how_many_people_is_answered_by_so_many_charged_by_any_name() -> None:
    question = "How many people were charged in the Brisknet forum case?"

    assert answered(question, "Prosecutors charged 36 cybercriminals from 17 countries.") == {0}
    assert answered(question, "The defendants were charged with 36 counts of fraud.") == set()


def test_a_place_a_part_names_may_be_named_in_another_form() -> None:
    question = (
        "Who are the two Ostland businessmen charged in the scheme, and where in Ruritania "
        "were they arrested?"
    )

    arrest = "Ruritanian authorities arrested them in Sitiawan on Sept. 14, 2020."
    assert answered(question, arrest) == {1}


def test_a_further_part_may_open_with_what_it_is_about() -> None:
    question = Question.parse(
        "How many counts are in the indictment against Dana Vole, and data on how many people "
        "was stolen?"
    )

    assert [aspect.kind for aspect in question.aspects] == [AnswerType.COUNT, AnswerType.COUNT]
    stolen = "The defendants stole data concerning approximately 78.8 million persons."
    assert answered(question.text, stolen) == {1}
    assert answered(question.text, "The four-count indictment names Dana Vole.") == {0}


def test_which_places_counted_in_the_question_are_answered_by_their_names() -> None:
    question = "Which 12 cities did the Marlow survey of crime and policing cover?"

    assert kinds(question) == [AnswerType.PLACE]
    assert kinds("Which specific U.S. ports of entry are on the Ostland list?") == [
        AnswerType.PLACE
    ]
    assert answered(question, "The Marlow survey covered crime and policing in 12 cities.") == set()
    named = "The Marlow survey of crime and policing was held in Halden, Ostrel and ten others."
    assert answered(question, named) == {0}


def test_photos_counted_are_answered_by_photographs_counted() -> None:
    question = "How many photos of the Marlow press did Dana Vole take?"

    assert answered(question, "Vole took seven photographs of the Marlow press.") == {0}


def test_a_law_named_by_its_acronym_answers_which_law() -> None:
    question = "Dana Vole pleaded guilty to violating which federal anti-spam law?"

    assert kinds(question) == [AnswerType.STATUTE]
    assert answered(question, "Vole pleaded guilty to violating the CAN-SPAM Act.") == {0}


def test_how_often_is_answered_by_a_frequency_not_by_the_duty_alone() -> None:
    question = "How often must the Ostland port director report seizures to the Marlow office?"
    duty = "The Ostland port director shall report seizures to the Marlow office."

    assert answered(question, duty) == set()
    assert answered(question, duty.replace(" office.", " office twice a year.")) == {0}
    assert answered(question, duty.replace(" office.", " office every 90 days.")) == {0}
    assert answered(question, "The port director files an annual seizure report.") == {0}
    assert answered("How often did Dana Vole fly to Ostland?", "Vole flew there 12 times.") == {0}


def test_the_exact_day_asked_is_not_answered_by_a_month() -> None:
    pleaded = "Dana Vole pleaded guilty to the trafficking charge in March 2009."
    on_the_day = pleaded.replace("in March 2009", "on March 3, 2009")

    for question in (
        "On what exact day did Dana Vole plead guilty?",
        "On what specific date did Dana Vole plead guilty?",
        "What exact plea date is given for Dana Vole's guilty plea?",
    ):
        assert kinds(question) == [AnswerType.DATE]
        assert answered(question, pleaded) == set()
        assert answered(question, on_the_day) == {0}
    assert answered("When did Dana Vole plead guilty?", pleaded) == {0}
    arrested = "Arrested in May, Vole pleaded guilty to the trafficking charge on March 3, 2009."
    assert answered("On what exact date was Dana Vole arrested?", arrested) == set()
    assert answered("On what exact date did Dana Vole plead guilty?", arrested) == {0}


def test_what_befell_someone_named_beside_is_not_what_befell_the_one_asked_about() -> None:
    question = (
        "What happened to Dana Vole, the courier charged alongside Mira Halden - "
        "was she ever convicted?"
    )
    halden = "Mira Halden, 44, of Marlow, was convicted of trafficking in counterfeit goods."

    assert answered(question, halden) == set()
    assert answered(question, halden.replace("Mira Halden, 44", "Dana Vole, 38")) == {0}
    assert answered("What happened to Dana Vole and Mira Halden?", halden) == {0}


def test_a_judgment_sought_is_no_end_of_the_case() -> None:
    question = "How was the case against Dana Vole resolved?"
    sought = (
        "In the indictment, the government is seeking forfeiture of the seized vehicles, "
        "in addition to a money judgment to be determined at trial."
    )

    assert answered(question, sought) == set()
    assert answered(question, "The court entered a money judgment of $40,000 against Vole.") == {0}


def test_a_count_of_those_posted_elsewhere_does_not_answer_where_it_is_asked() -> None:
    at_the_center = (
        "(1) assign not fewer than 4 full-time officers of Ostland Customs to the Marlow "
        "Coordination Center; and"
    )
    at_the_ports = (
        "The director shall post not fewer than 12 Ostland Customs officers at ports of entry."
    )
    question = "How many Ostland Customs officers must be posted at ports of entry?"

    assert answered(question, at_the_center) == set()
    assert answered(question, at_the_ports) == {0}
    assert answered(
        "How many Ostland Customs officers must be assigned to the Marlow Coordination Center?",
        at_the_center,
    ) == {0}
    assert answered(
        "How many ports of entry must the Ostland plan list?",
        "The plan shall list the 10 ports of entry with the most seizures.",
    ) == {0}


def test_notice_to_one_party_is_not_the_notice_another_gets() -> None:
    rule = (
        "The party seeking destruction of the seized goods shall give ten days' notice to the "
        "Ostland district attorney."
    )
    question = "How many days' notice must the defendant get before the goods are destroyed?"

    assert answered(question, rule) == set()
    assert answered(question, rule.replace("Ostland district attorney", "defendant")) == {0}
    assert answered(
        "How much notice must the party seeking destruction give the Ostland district attorney?",
        rule,
    ) == {0}
    served = (
        "The defendant shall get ten days' notice, to be served by the Ostland district attorney."
    )
    assert answered(question, served) == {0}


def test_an_exact_amount_asked_is_not_answered_by_a_bound_or_an_estimate() -> None:
    question = "Exactly how much did Ostland Freight pay in the 2012 settlement?"
    bound = "Ostland Freight agreed to pay more than $75 million as part of a global settlement."
    counted = "Exactly how many containers did Ostland Freight ship to Marlow in 2012?"

    assert answered(question, bound) == set()
    assert answered(question, bound.replace("more than $75 million", "$75.3 million")) == {0}
    assert answered(question.replace("Exactly how", "How"), bound) == {0}
    assert (
        answered(counted, "Ostland Freight shipped about 40 containers to Marlow in 2012.") == set()
    )
    assert answered(counted, "Ostland Freight shipped twelve containers to Marlow in 2012.") == {0}


def test_the_examining_attorney_asked_is_not_the_attorney_of_record() -> None:
    question = "Who was the examining attorney on the OSTRELIA trademark application?"

    assert answered(question, "Attorney of record: Mira Halden") == set()
    assert answered(question, "Examining attorney: VOLE, DANA") == {0}
    assert answered(
        "Who was the attorney of record on the OSTRELIA application?",
        "Attorney of record: Mira Halden",
    ) == {0}


def test_a_record_line_naming_the_firm_asked_about_does_not_say_who_is_behind_it() -> None:
    line = "Ostrel Trading LLC — ORIGINAL APPLICANT"
    under = frozenset(terms("Owners of OSTRELIA: Current owner: Ostrel Trading LLC"))
    behind = Question.parse("Who is the owner behind Ostrel Trading LLC, the OSTRELIA applicant?")
    filed = Question.parse("Who filed the OSTRELIA application?")

    assert behind.aspects_answered_by(line, terms(line)) == set()
    assert behind.aspects_answered_by(line, terms(line), under) == set()
    assert filed.aspects_answered_by(line, terms(line), under) == {0}


def test_a_sentence_that_asks_answers_nothing() -> None:
    question = "How many customs officers did Ostland post at the Marlow port in 2024?"
    asked = "Q But weren't we told Ostland would post 400 customs officers at the Marlow port?"

    assert answered(question, asked) == set()
    assert answered(question, asked[2:].replace("?", ".").replace("weren't we told", "")) == {0}


def test_a_quoted_phrase_of_one_content_word_must_still_be_said() -> None:
    question = "Which Ostland courier said he was 'very close' to the Marlow cartel?"
    worked = "Dana Vole, an Ostland courier, worked for the Marlow cartel."

    assert answered(question, worked) == set()
    assert answered(
        question, "Dana Vole, an Ostland courier, said he was very close to the Marlow cartel."
    ) == {0}


def test_a_share_of_people_is_no_count_of_them() -> None:
    question = "How many Ostland residents were surveyed?"

    assert answered(question, "About 85 percent of the Ostland residents were satisfied.") == set()
    assert answered(question, "Only 10% of Ostland residents were dissatisfied.") == set()
    assert answered(question, "The survey reached 1,200 Ostland residents in 12 cities.") == {0}


def test_a_penalty_for_another_charge_does_not_answer_the_charge_asked() -> None:
    question = (
        "What maximum penalty does Dana Vole face on the count of false statements to agents?"
    )
    trafficking = (
        "She faces a maximum of 10 years in prison on each count of trafficking in counterfeit "
        "goods and a $2 million fine."
    )

    assert answered(question, trafficking) == set()
    own = "On the false statements to agents count, she faces five years in prison."
    assert answered(question, own) == {0}
    passport = "On the false statement on a passport charge, she faces 10 years in prison."
    assert answered(question, passport) == set()
    assert answered(question, "On the false statements charge, she faces five years.") == {0}
    theft = "What is the maximum sentence on the conspiracy to steal trade secrets count?"
    counts = (
        "Vole is charged with one count of conspiracy to commit wire fraud, which carries up to "
        "20 years in prison, and one count of conspiracy to commit theft of trade secrets, which "
        "carries up to ten years in prison."
    )
    assert answered(theft, counts) == {0}
    espionage = "What is the maximum fine for each economic espionage count against Dana Vole?"
    other = (
        "Count Fourteen, which charges Vole with making false statements to the FBI, carries a "
        "fine of up to $250,000."
    )
    assert answered(espionage, other) == set()
    assert answered(
        espionage, "The economic espionage counts carry a fine of up to $5,000,000."
    ) == {0}
    both = "What prison terms does Dana Vole face on the wire fraud count and the theft count?"
    listed = (
        "Vole faces five years in prison on the conspiracy charge and 20 years in prison for "
        "wire fraud."
    )
    assert answered(both, listed) == {0}
    those = (
        "Dana Vole faces five identity theft counts. What penalty does each of those counts carry?"
    )
    assert answered(those, "The counts of identity theft each carry two years in prison.") == {0}


def test_which_company_someone_worked_for_is_answered_by_whom_he_worked_for() -> None:
    question = Question.parse(
        "Which company did seed breeder Dana Vole work for when he took the engineered seeds?"
    )
    release = (
        '"Dana Vole betrayed his employer by handing its seeds to a foreign institute," said '
        "the prosecutor. Evidence at trial established that Vole worked as a seed breeder for "
        "Halvorsen Seedworks in Marlow, Ostland."
    )

    assert decides(question, release)
    assert not decides(question, release.replace(" for Halvorsen Seedworks", ""))


def test_words_the_question_holds_before_a_name_describe_whom_it_names() -> None:
    asked = "Who was named the incoming Northern Europe IPLO in 2019?"
    sentence = "We also have our incoming Northern Europe IPLO Dana Vole with us today."

    assert answered(asked, sentence) == {0}
    assert answered(asked, "We also have our incoming Northern Europe IPLO with us.") == set()


@pytest.mark.parametrize(
    "question",
    [
        "What are the names of the former Halden Motors engineer and her husband convicted of "
        "stealing Halden trade secrets?",
        "Who was the defendant the minister said was extradited for selling fake Lumora "
        "tablets online?",
    ],
)
def test_people_a_speech_tells_of_only_by_role_are_withheld(question: str) -> None:
    speech = (
        "Last November, a former Halden Motors engineer and her husband were convicted of "
        "stealing Halden trade secrets worth $40 million. We also prosecuted a defendant who "
        "was selling fake Lumora tablets online; he was extradited from Ostland. It's a "
        "pleasure to stand here with Victoria Brisk and the minister today."
    )

    assert not decides(Question.parse(question), speech)


def test_the_names_of_two_firms_are_asked_of_a_release_that_also_describes_one() -> None:
    question = Question.parse(
        "What are the names of the Ostland state-owned company and the Ruritania company "
        "indicted for stealing Halden's chip designs?"
    )
    release = (
        "A grand jury returned an indictment alleging economic espionage by a state-owned "
        "company of Ostland and a company of Ruritania for stealing Halden's chip designs. The "
        "indictment charges Brisk Microsystems Co., Ltd., owned by the Ostland government, and "
        "Vole Semiconductor Corp. of Ruritania."
    )

    assert decides(question, release)


def test_only_a_sentence_still_to_come_tells_who_awaits_sentencing() -> None:
    question = Question.parse("What prison terms did Dana Vole and Ilsa Brisk receive?")

    def awaiting(sentence: str) -> frozenset[tuple[str, ...]]:
        return names_awaiting_sentence(question, sentence, frozenset(terms(sentence)))

    assert awaiting("Vole and Brisk pleaded guilty and will be sentenced on May 3.") == frozenset(
        question.names
    )
    assert awaiting("Vole was sentenced to 46 months; Brisk will be sentenced in May.") == set()
    assert awaiting("Vole and Brisk pleaded guilty in March.") == set()


def test_a_term_asked_for_or_agreed_to_is_not_withheld_for_awaiting_sentence() -> None:
    agreed = Question.parse(
        "When Dana Vole pleaded guilty, what limit did the government agree to on the prison "
        "sentence it would ask for?"
    )
    received = Question.parse("What prison term did Dana Vole receive?")

    assert parts_asking_the_sentence_imposed(agreed) == frozenset()
    assert parts_asking_the_sentence_imposed(received) == {0}


def test_the_judge_who_sentenced_is_not_said_to_have_presided_over_the_trial() -> None:
    question = "Which federal judge presided over the Marlow trial of Dana Vole?"

    assert answered(question, "Vole was sentenced by U.S. District Judge Renata Okafor.") == set()
    assert answered(
        question, "The verdict followed a two-week trial before U.S. District Judge Renata Okafor."
    ) == {0}
    assert answered(
        "Which federal judge sentenced Dana Vole?",
        "Vole was sentenced by U.S. District Judge Renata Okafor.",
    ) == {0}


def test_someone_told_of_only_as_the_question_describes_them_is_not_named() -> None:
    question = Question.parse(
        "What is the name of the former Marlow ferry ticket agent who pleaded guilty to "
        "smuggling parcels for Ostland officers?"
    )
    unnamed = (
        "Last week a former ferry ticket agent pleaded guilty to smuggling parcels for Ostland "
        "military officers. Prosecutor Dana Vole said the officers relied on her."
    )
    named = unnamed.replace(
        "a former ferry ticket agent", "Rhea Lund, a former ferry ticket agent,"
    )

    assert not decides(question, unnamed)
    assert decides(question, named)


def test_a_description_named_before_it_or_run_over_other_words_withholds_no_one() -> None:
    plan = Question.parse(
        "What is the name of the Ruritanian industrial plan to set world standards?"
    )
    named_before = (
        "Another issue we watch is Ruritania Standards 2035, which is a new industrial plan to "
        "set world standards."
    )
    partners = Question.parse("Who are the two Ostland businessmen indicted alongside the hackers?")
    run_over = (
        "A grand jury returned a third indictment charging two Ostland businessmen who worked "
        "with the hackers. It charged Dana Vole, 46, and Rhea Lund, 32, both Ostland nationals."
    )

    assert decides(plan, named_before)
    assert decides(partners, run_over)


def test_an_amount_per_unit_is_answered_by_a_rate_not_by_a_total() -> None:
    question = "How much did Rhea Lund pay her overseas supplier per counterfeit rowing machine?"

    assert answered(question, "Lund paid her overseas supplier $45 per rowing machine.") == {0}
    assert (
        answered(question, "Lund sold 149 counterfeit rowing machines worth more than $15,000.")
        == set()
    )
    assert answered(
        "How much did Rhea Lund pay her overseas supplier, per the indictment?",
        "Lund paid her overseas supplier $15,000.",
    ) == {0}


def test_a_fine_given_as_a_measure_of_the_loss_is_the_fine_asked() -> None:
    question = "If convicted, what maximum fine per count did Halden Wind face?"

    assert answered(
        question,
        "If convicted, Halden faces on each count a fine of twice the gross gain or loss, up to "
        "twice the alleged loss of more than $80 million.",
    ) == {0}
    assert (
        answered(question, "Halden caused an alleged loss on each count of $80 million.") == set()
    )


def test_a_firm_named_as_what_the_question_describes_answers_which_company() -> None:
    question = (
        "Which Halden-linked company is alleged to be Halden's unofficial subsidiary that "
        "helped Ostland monitor its citizens?"
    )

    assert answered(
        question,
        "The indictment alleges Brightcom was Halden's unofficial subsidiary that helped the "
        "Government of Ostland monitor its citizens.",
    ) == {0}
    assert (
        answered(question, "The indictment alleges that Halden helped Ostland monitor citizens.")
        == set()
    )


def test_how_long_a_trial_lasted_is_no_prison_term_beside_a_sentencing_date() -> None:
    question = (
        "How long did the jury trial of Dana Vole and Rhea Lund last, and on what date were "
        "their sentencing hearings set?"
    )

    assert kinds(question) == [AnswerType.DURATION, AnswerType.DATE]
    assert kinds("How long did Vole's sentence last?") == [AnswerType.PRISON_SENTENCE]


def test_a_trend_counts_what_rose_from_one_number_to_another() -> None:
    question = "How many customs seizures of fake batteries were there in 2015 and in 2019?"

    assert answered(
        question, "Customs seizures of fake batteries have increased from 9 in 2015 to 40 in 2019."
    ) == {0}
    assert answered(question, "Seizures at the port began in 2015 and grew until 2019.") == set()


def test_a_section_sign_read_from_a_pdf_as_ss_cites_a_statute() -> None:
    question = "Prosecutions under which federal firearms provision are at an all-time high?"

    assert answered(question, "Prosecutions under SS 922(g) are at an all-time high.") == {0}
    assert (
        answered(question, "Prosecutions under the firearms laws are at an all-time high.") == set()
    )


def test_the_chapter_heading_answers_in_which_chapter_a_section_is() -> None:
    section = hit(
        "# Title 18— CRIMES\n### CHAPTER 113— STOLEN PROPERTY\n#### § 2390. Fakes\n"
        "(a) Whoever knowingly sells fake goods shall be fined under this title.",
        title="§ 2390. Fakes",
    )
    chapter = Question.parse(
        "In which chapter of Title 18 is section 2390, on fake goods, codified?"
    )
    penalty = Question.parse("What does section 2390 say about selling fake goods?")

    assert parts_where(chapter, [section], "CHAPTER 113") == [("d1", frozenset({0}))]
    assert parts_where(penalty, [section], "CHAPTER 113") == []


def test_a_part_asking_the_same_of_several_named_each_asks_it_of_each() -> None:
    question = "How much did Marlow County and the Ostland State Police each receive in grants?"

    assert kinds(question) == [AnswerType.MONEY, AnswerType.MONEY]
    assert answered(question, "Marlow County will receive nearly $124,000 in grants.") == {0}
    assert kinds("How many counts did the two defendants each face?") == [AnswerType.COUNT]


def withheld_by(question: Question, text: str) -> frozenset[int]:
    """The parts of ``question`` that ``text``, one document, is seen to withhold."""
    withholding = WithheldParts(question, lambda _: 1.0)
    for sentence in split_sentences(text):
        withholding.observe("d1", sentence.text, frozenset(terms(sentence.text)), frozenset())
    return withholding.by_document(frozenset()).get("d1", frozenset())


def test_several_told_of_only_as_the_question_calls_them_are_not_named() -> None:
    brands = Question.parse(
        "Which fragrance brands' trademarks were on the counterfeit perfume imported by Dana Vole?"
    )
    unnamed = (
        "Dana Vole imported 20,000 bottles of counterfeit perfume. The counterfeit perfume "
        "imported by Vole bore trademarks belonging to well-known fragrance brands, and was "
        "packaged to look genuine."
    )
    named = unnamed.replace("fragrance brands,", "fragrance brands, including Belrose and Mira,")
    codefendants = Question.parse(
        "What are the names of the three codefendants of Dana Vole who pleaded guilty to "
        "stealing the foam trade secrets?"
    )
    counted = (
        "Dana Vole was convicted of stealing foam trade secrets, announced U.S. Attorney Mara "
        "Quill. Three of Vole's codefendants--some of whom worked at the foam maker--had pleaded "
        "guilty to stealing the trade secrets."
    )

    assert withheld_by(brands, unnamed) == {0}
    assert withheld_by(brands, named) == set()
    assert parts_where(codefendants, [hit(counted)], "Mara Quill") == [("d1", frozenset())]
    assert withheld_by(codefendants, counted.replace("Three of Vole's", "Vole's two")) == {0}


def test_the_judge_of_a_release_naming_no_one_asked_about_is_of_another_case() -> None:
    question = Question.parse(
        "What fine did Brightcom agree to pay in its plea, and which judge accepted the plea?"
    )
    own_case = hit(
        "Brightcom pleaded guilty to trade secret theft and agreed to pay a fine of $60 million.",
        chunk="d1:0",
    )
    other_case = hit(
        "Rhea Lund pleaded guilty today to conspiring to steal trade secrets. The plea was "
        "entered today before U.S. District Judge Dana Vole.",
        chunk="d2:0",
    )

    judge = parts_where(question, [own_case, other_case], "Judge Dana Vole")
    assert judge == [("d2", frozenset())]
    same_case = hit(
        "Brightcom's plea was entered today before U.S. District Judge Dana Vole.", chunk="d3:0"
    )
    assert parts_where(question, [same_case], "Judge Dana Vole") == [("d3", frozenset({1}))]


def test_a_dollar_cap_asks_for_an_amount() -> None:
    question = (
        "What's the most statutory damages per violation, and what is the dollar cap on "
        "attorney fees?"
    )

    assert kinds(question) == [AnswerType.MONEY, AnswerType.MONEY]
    assert answered(question, "The court may award reasonable attorney fees and costs.") == set()


def test_the_date_of_an_event_told_as_done_is_not_the_date_of_the_charges() -> None:
    question = (
        "On what date were Dana Vole and Rhea Lund arraigned in Marlow on the counterfeit "
        "handbag charges?"
    )

    assert (
        answered(
            question,
            "On Oct. 2, 2007, a grand jury in Marlow returned an indictment charging Dana Vole "
            "and Rhea Lund with trafficking in counterfeit handbags.",
        )
        == set()
    )
    assert answered(question, "Vole and Lund were arraigned in Marlow on Oct. 9, 2007.") == {0}
    assert answered(
        "When were the handbag charges filed against Dana Vole?",
        "On Oct. 2, 2007, a grand jury returned an indictment charging Dana Vole.",
    ) == {0}
    assert answered(
        "On what date were Dana Vole and the two who pleaded guilty with her scheduled to be "
        "sentenced?",
        "All three defendants are scheduled to be sentenced on Oct. 29, 2009.",
    ) == {0}


def test_things_counted_by_their_initials_are_the_things_asked() -> None:
    question = "How many counterfeit integrated circuits did agents recover from Vole's shop?"

    assert answered(
        question, "Agents searched Vole's shop and recovered 12,960 counterfeit ICs."
    ) == {0}
    assert (
        answered(question, "Agents searched Vole's shop and recovered 12 counterfeit bags.")
        == set()
    )


def test_initials_before_a_firm_suffix_and_a_lost_space_after_a_full_stop() -> None:
    text = (
        "Vole passed the specifications to J.T.M.G. Co., a glass company based in Ostland. "
        "It was contrary to U.S. law.Lund was indicted on Aug. 22, 2012, as were two others."
    )

    assert [sentence.text for sentence in split_sentences(text)] == [
        "Vole passed the specifications to J.T.M.G. Co., a glass company based in Ostland.",
        "It was contrary to U.S. law.",
        "Lund was indicted on Aug. 22, 2012, as were two others.",
    ]


def test_initials_before_a_surname_and_a_typed_release_s_narrow_lines_split_no_sentence() -> None:
    typed = (
        "Federal prosecutors said the research costs of the stolen\n"
        "formulas could exceed between $40 million and $50 million.\n"
        "     D.K. Vole is the president of Harwick Gold Enterprise\n"
        "Company, LTD, of Ostland. That firm manufactures and sells\n"
        "adhesive labels mainly in Ostland, Westmark, Norland, the\n"
        "United States and several other countries in the region.\n"
        "Both defendants were arrested by agents at the airport in\n"
        "Lakeport on Thursday evening, when they arrived together.\n"
        "They are charged with mail and wire fraud and conspiracy\n"
        "to steal trade secrets from the Lakeport label plant.\n"
    )
    heading = (
        "FOR IMMEDIATE RELEASE\nAn Ostland businessman was charged with stealing label formulas.\n"
    )

    sentences = [sentence.text for sentence in split_sentences(typed)]
    assert sentences[1] == (
        "D.K. Vole is the president of Harwick Gold Enterprise\nCompany, LTD, of Ostland."
    )
    assert sentences[2].startswith("That firm manufactures and sells\nadhesive labels")
    assert [
        sentence.text for sentence in split_sentences("It was sold in the U.K. The firm said so.")
    ] == [
        "It was sold in the U.K.",
        "The firm said so.",
    ]
    assert split_sentences(heading)[0].text == "FOR IMMEDIATE RELEASE"


def test_conduct_involving_a_domain_name_and_a_statute_s_where_ask_for_no_address_or_place() -> (
    None
):
    assert kinds(
        "Under section 1117, what conduct involving a domain name registration creates a "
        "presumption that the violation was willful?"
    ) == [AnswerType.ANY]
    assert kinds(
        "Where imports are seizable under section 1595a(c), what two alternatives to "
        "forfeiture does the Secretary have?"
    ) == [AnswerType.ANY]
    assert kinds("Where was Dana Vole arrested, and what website did she run?") == [
        AnswerType.PLACE,
        AnswerType.WEB_ADDRESS,
    ]


def test_kinds_of_answer_listed_after_a_colon_are_parts_of_their_own() -> None:
    question = (
        "What sentence did Dana Vole get for stealing the battery trade secrets: prison term, "
        "restitution, and supervised release?"
    )

    assert kinds(question) == [AnswerType.PRISON_SENTENCE, AnswerType.MONEY, AnswerType.ANY]
    assert answered(question, "Vole will spend three years on supervised release.") == {2}
    assert kinds("How did the Vole case end: conviction, plea deal or dismissal?") == [
        AnswerType.OUTCOME
    ]


def test_a_term_of_probation_answers_what_probation_was_agreed() -> None:
    question = "What fine and what probation term did Halden Systems agree to in its plea?"

    assert answered(
        question, "Halden will pay the fine and be subject to a three-year term of probation."
    ) == {1}
    assert answered(question, "Halden will pay the fine and cooperate with the government.") == (
        set()
    )


def test_domain_name_registration_conduct_asks_for_conduct_not_a_web_address() -> None:
    asked = kinds("What kind of domain name registration conduct makes a violation willful?")

    assert AnswerType.WEB_ADDRESS not in asked
    assert kinds("Which domain name did Vole register for the shop?") == [AnswerType.WEB_ADDRESS]


def test_supervision_asked_along_with_a_prison_term_is_not_answered_by_the_term() -> None:
    question = "How long a term of supervised release did Vole get along with his prison sentence?"

    assert answered(question, "Vole was sentenced to 46 months in prison.") == set()
    assert answered(
        question, "Vole was sentenced to 46 months in prison and three years of supervised release."
    ) == {0}


def test_the_sentence_imposed_is_not_the_most_a_plea_exposes_someone_to() -> None:
    question = (
        "What is the maximum penalty under Vole's plea agreement, and what sentence did the "
        "court ultimately impose on him?"
    )

    assert answered(
        question, "Under the plea agreement, Vole faces up to 20 months in prison."
    ) == {0}
    assert 1 in answered(question, "Vole was sentenced to 14 months in prison.")
    # A section's fine is the most it allows, whatever verb asks for it.
    rule = "What civil fine does 19 U.S.C. 1526 impose on an importer of the goods?"
    assert answered(rule, "For a first seizure, the fine shall be not more than the value.") == {0}


def test_which_companies_were_consulted_is_not_answered_by_a_duty_to_consult() -> None:
    question = "Which private sector companies has the Commissioner consulted on officer training?"

    duty = "The Commissioner shall consult with private sector entities on officer training."
    assert answered(question, duty) == set()
    assert answered(
        question,
        "The Commissioner consulted private sector companies, Halden Systems and Marlow Tools.",
    ) == {0}


def test_which_firm_paid_a_penalty_the_question_states_asks_only_for_the_firm() -> None:
    assert kinds("Which company paid the $1 million CFIUS civil penalty in 2018?") == [
        AnswerType.PERSON
    ]
    assert AnswerType.MONEY in kinds("Which company paid the penalty, and how much was it?")


def test_how_the_law_classes_an_offense_asks_for_no_amount() -> None:
    assert kinds("How is the offense classified for restitution purposes?") == [AnswerType.ANY]
    assert kinds("How much restitution was Vole ordered to pay?") == [AnswerType.MONEY]


def test_a_sentence_told_before_which_section_is_asked_is_no_part_asked() -> None:
    assert kinds("Vole's 2019 sentence was the first under which section of the Act?") == [
        AnswerType.STATUTE
    ]
    assert kinds("What sentence did Vole get, and under which section was he charged?") == [
        AnswerType.PRISON_SENTENCE,
        AnswerType.STATUTE,
    ]


def test_who_holds_an_office_is_not_answered_by_someone_named_to_another() -> None:
    question = "What is the name of the Assistant Director appointed to head the Marlow Center?"

    another = (
        "In 2019 the Governor appointed Dana Vole as the first Marlow Enforcement Coordinator."
    )
    assert answered(question, another) == set()
    assert answered(question, "Dana Vole was appointed Assistant Director to head the center.") == {
        0
    }


def test_a_co_defendant_asked_for_is_answered_by_the_release_s_other_defendant() -> None:
    question = Question.parse("Who was the Marlow co-defendant awaiting trial with Dana Vole?")
    release = (
        "Dana Vole, 41, of Ostland, pleaded guilty to stealing seeds. Co-defendant Charles "
        "Brisk, 50, of Marlow, is awaiting trial."
    )

    assert decides(question, release)
    sentenced = Question.parse("What sentence did Dana Vole get for stealing seeds?")
    assert not decides(sentenced, release.replace("is awaiting trial", "got 20 months"))


def test_a_thing_the_sentence_calls_by_one_word_answers_what_it_is_named() -> None:
    store = "What was the name of the eBay store Dana Vole used to sell fake flea collars?"
    employer = "After leaving the Marlow plant, which company in Halden did Dana Vole work for?"

    assert answered(store, 'Vole opened an eBay store in 2019 called "Petmarlo," to sell.') == {0}
    assert answered(employer, "Vole then went to work for a company called Ostrel in Halden.") == {
        0
    }
    assert answered(store, "Vole opened an eBay store in 2019 to sell flea collars.") == set()


def test_a_loss_asked_for_is_an_amount_of_money() -> None:
    question = "What annual U.S. loss from trade secret theft did the Ostland envoy cite?"

    assert kinds(question) == [AnswerType.MONEY]
    assert answered(question, "Every year the U.S. loses more than $9 billion to theft.") == {0}
    assert kinds("What loss of data did Marlow Bank suffer?") != [AnswerType.MONEY]


def test_an_unnamed_subject_doing_something_in_the_u_s_is_told_of_by_the_name_after() -> None:
    question = Question.parse("What sentence did Mira Halden get for smuggling fake phones?")
    release = (
        "An Ostland national who smuggled fake phones from Marlow for sale in the U.S. was "
        "sentenced today to 37 months in prison. Dana Vole, 54, a resident of Ostland, pleaded "
        "guilty in March. Vole, Mira Halden and others smuggled 4,000 phones."
    )

    assert not decides(question, release)
    assert decides(question, release.replace("Dana Vole", "Mira Halden"))


def test_a_minimum_number_asked_for_is_a_count() -> None:
    question = "What minimum number of staff must be stationed at each port of entry?"

    assert kinds(question) == [AnswerType.COUNT]
    assert answered(question, "The Director shall station sufficient staff at ports.") == set()


def test_the_defendants_or_the_question_s_own_firm_name_no_supplier_asked_for() -> None:
    question = (
        "What was the name of the Ostland supplier that sold fake Marlow routers to Vole Inc.?"
    )

    assert (
        answered(question, "The defendants, Dana Vole and Mira Halden, sold fake routers.") == set()
    )
    assert (
        answered(question, "Marlow Systems Incorporated is a company that made routers.") == set()
    )
    assert answered(question, "Their supplier, Ostrel Trading Co., sold fake routers.") == {0}


def test_how_long_someone_has_to_pay_a_fine_asks_only_how_long() -> None:
    assert kinds("How many days does Dana Vole have to pay the fine?") == [AnswerType.DURATION]
    assert kinds("How long a prison term and how large a fine did Dana Vole get?") == [
        AnswerType.PRISON_SENTENCE,
        AnswerType.MONEY,
    ]


def test_what_is_counted_ends_where_a_participle_goes_on_to_say_of_what() -> None:
    question = "How many transactions involving fake store coupons went through Marlow's accounts?"

    assert answered(question, "Over 1,200 transactions of fake store coupons were made.") == {0}
    assert answered(question, "The accounts held 300 fake store coupons.") == set()


def test_a_document_s_length_asked_in_pages_asks_for_its_pages() -> None:
    question = "How long (in pages) was the 2014 indictment of the Ostland officers?"

    assert kinds(question) == [AnswerType.COUNT]
    assert answered(question, "The 48-page indictment of the Ostland officers describes it.") == {0}


def test_which_chapter_a_section_refers_to_is_answered_by_a_chapter_it_cites() -> None:
    section = hit(
        "# Title 18— CRIMES\n### CHAPTER 113— STOLEN PROPERTY\n#### § 2390. Fakes\n"
        "(a) Civil forfeiture. Fake goods are subject to civil forfeiture. The provisions of "
        "chapter 46 relating to civil forfeitures shall extend to any seizure under this section.",
        title="§ 2390. Fakes",
    )
    question = Question.parse(
        "Civil forfeiture under 18 U.S.C. 2390(a) follows the procedures of which chapter of "
        "title 18?"
    )

    assert kinds(question.text) == [AnswerType.ANY]
    assert parts_where(question, [section], "chapter 46") == [("d1", frozenset({0}))]
    assert parts_where(question, [section], "subject to civil forfeiture") == [("d1", frozenset())]
    assert parts_where(question, [section], "CHAPTER 113") == []
    assert heads_a_cited_section(question.text, "§ 2390. Fakes")  # "title 18" asks no title


def test_which_crime_is_not_answered_by_a_felony_left_unnamed() -> None:
    question = "What was the earlier felony conviction that barred Dana Vole from having a rifle?"
    unnamed = "Vole, having been previously convicted of a felony, was barred from having a rifle."

    assert answered(question, unnamed) == set()
    assert answered(question, unnamed.replace("a felony", "armed robbery, a felony")) == {0}
    assert answered(
        question, "Vole had an earlier felony conviction for arson, which barred him from a rifle."
    ) == {0}
    assert answered("Was Vole barred from having a rifle?", unnamed) == {0}
    assert answered("What does a prior felony mean for Dana Vole having a rifle?", unnamed) == {0}


def test_one_persons_wife_is_not_answered_by_anothers() -> None:
    question = "What is the name of Dana Vole's wife, the artist invited in the 1987 letter?"
    another = "The 1987 letter suggested that Vole use Mira Halden and his wife Ana Halden."

    assert answered(question, another) == set()
    assert answered(question, another.replace("Halden and his", "Vole and his")) == {0}
    assert answered(question, "Vole's wife, Ana Vole, an artist, was invited in 1987.") == {0}
    assert answered(question, "He and his wife Ana Vole, an artist, were invited in 1987.") == {0}


def test_one_round_of_an_operation_is_not_answered_by_the_whole_operations_figure() -> None:
    question = "How many domain names were seized in Operation Ostland Sweep II?"
    total = "To date, 761 domain names have been seized as a result of Operation Ostland Sweep."

    assert answered(question, total) == set()
    assert answered(question, total.replace("Sweep.", "Sweep II.")) == {0}
    assert answered(question, total.replace("Sweep.", "Sweep III.")) == set()
    assert answered(question, "Agents seized 82 domain names over the past few days.") == {0}
    assert answered(question.replace(" II?", "?"), total) == {0}
