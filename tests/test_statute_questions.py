"""How questions about a statute are read: what they ask for, and which of its lines answer."""

from __future__ import annotations

from retrieval.analysis import terms
from retrieval.answering.answer_kinds import AnswerType
from retrieval.answering.candidates import candidates, may_decide
from retrieval.answering.matching import label_share
from retrieval.answering.questions import Question
from retrieval.answering.sections import heads_a_cited_section
from retrieval.answering.words import has_word
from tests.hits import hit


def kinds(question: str) -> list[AnswerType]:
    return [aspect.kind for aspect in Question.parse(question).aspects]


def answered(question: str, sentence: str) -> set[int]:
    return set(Question.parse(question).aspects_answered_by(sentence, terms(sentence)))


def candidate_texts(question_text: str, text: str) -> list[str]:
    question = Question.parse(question_text)
    weights = dict.fromkeys(question.terms + question.key_terms, 1.0)
    return [candidate.text for candidate in candidates(question, [hit(text)], weights)]


def test_a_domain_name_in_a_question_about_conditions_asks_for_no_web_address() -> None:
    assert kinds("In what situations can a domain name registrar be enjoined?") == [AnswerType.ANY]
    assert AnswerType.WEB_ADDRESS not in kinds(
        "Besides the registrar's district, what else gives the domain name its situs?"
    )
    assert kinds("Which domain names did the seller use?") == [AnswerType.WEB_ADDRESS]


def test_where_a_rule_comes_from_asks_for_a_section_and_where_goods_come_from_a_place() -> None:
    rules = "Under 18 U.S.C. 2320, where do the forfeiture and restitution rules come from?"
    goods = "Where did the counterfeit headphones come from?"

    assert AnswerType.STATUTE in kinds(rules)
    assert AnswerType.PLACE not in kinds(rules)
    assert kinds(goods) == [AnswerType.PLACE]
    assert answered(
        rules,
        "Forfeiture, destruction, and restitution relating to this section shall be subject "
        "to section 2323.",
    ) == {0}


def test_an_amount_the_question_gives_is_not_asked_for() -> None:
    assert kinds(
        "Which U.S. petroleum company employed Tan when he stole trade secrets worth more "
        "than $1 billion?"
    ) == [AnswerType.PERSON]
    assert kinds("How much restitution did he owe besides the $5,000 fine?") == [AnswerType.MONEY]


def test_a_statute_says_permitted_where_a_question_says_allowed() -> None:
    question = "Who is allowed to submit a victim impact statement under 18 U.S.C. 2320?"

    assert answered(
        question,
        "During preparation of the presentence report, victims of the offense shall be "
        "permitted to submit, and the probation officer shall receive, a victim impact "
        "statement.",
    ) == {0}


def test_a_statute_says_who_has_the_burden_where_a_question_asks_who_carries_it() -> None:
    question = "Under 18 U.S.C. 2320, who carries the burden on an affirmative defense?"

    assert answered(
        question,
        "In a prosecution under this section, the defendant shall have the burden of proof, "
        "by a preponderance of the evidence, of any such affirmative defense.",
    ) == {0}


def test_each_quoted_term_may_be_defined_in_a_sentence_of_its_own() -> None:
    question = (
        "Under 18 U.S.C. 2319, where do the definitions of 'financial gain' and 'work being "
        "prepared for commercial distribution' come from?"
    )

    assert answered(
        question,
        "(3) the term \u201cfinancial gain\u201d has the meaning given the term in section 101 "
        "of title 17.",
    ) == {0}


def test_a_subsection_heading_is_read_only_when_the_question_asks_what_it_is_called() -> None:
    statute = (
        "#### \u00a7 1125. False designations of origin\n"
        "##### (d) Cyberpiracy prevention\n"
        "(1) A person shall be liable in a civil action by the owner of a mark."
    )
    heading = "##### (d) Cyberpiracy prevention"

    assert heading in candidate_texts(
        "Which subsection of 15 U.S.C. 1125 is the cyberpiracy prevention provision?", statute
    )
    assert heading not in candidate_texts(
        "Who can sue for cyberpiracy under 15 U.S.C. 1125?", statute
    )
    assert answered(
        "Which subsection of 15 U.S.C. 1125 is the cyberpiracy prevention provision?", heading
    ) == {0}


def test_a_long_subsection_title_of_several_matters_is_no_provision_set_as_a_heading() -> None:
    statute = (
        "#### \u00a7 9002. Seed imports\n"
        "##### (d) Exemptions; publication in the Seed Register; recalls; rules and regulations\n"
        "(1) The seed provisions of this section do not apply to seed carried for personal use.\n"
        "###### (2) Any person who imports seed under paragraph (1) of this subsection\n"
        "shall keep a record of it."
    )
    asked = "What exemptions does 7 U.S.C. 9002(d) set out for seed rules and regulations?"

    texts = candidate_texts(asked, statute)
    assert not any("Exemptions; publication" in text for text in texts)
    assert any(text.startswith("###### (2) Any person who imports") for text in texts)


def test_the_heading_of_the_section_cited_tells_nothing_unless_its_topic_is_asked() -> None:
    heading = "#### \u00a7 9002. Seed imports bearing a registered variety name"

    assert heads_a_cited_section("What must the Secretary publish under 7 U.S.C. 9002?", heading)
    assert not heads_a_cited_section("What does 7 U.S.C. 9002 cover?", heading)
    assert not heads_a_cited_section(
        "What must the Secretary publish under 7 U.S.C. 9003?", heading
    )
    assert not heads_a_cited_section(
        "What must the Secretary publish under 7 U.S.C. 9002?", "(1) The Secretary shall publish."
    )


def test_a_section_number_counts_nothing_and_employees_answer_how_many_officers() -> None:
    question = "How many officers does 19 U.S.C. \u00a7 4346 require CBP to assign to enforcement?"

    assert (
        answered(
            question, "\u00a7 4346. Personnel dedicated to the enforcement of intellectual property"
        )
        == set()
    )
    assert answered(
        question,
        "(1) assign not fewer than 3 full-time employees of U.S. Customs and Border "
        "Protection to the Center",
    ) == {0}


def test_when_a_law_lets_something_be_recovered_asks_the_condition_not_an_amount() -> None:
    assert kinds(
        "Under 15 U.S.C. 1114(1)(b), when can a registrant recover profits or damages?"
    ) == [AnswerType.ANY]
    assert kinds("When will a court refuse to find bad faith intent?") == [AnswerType.ANY]
    assert kinds("When will the defendant be sentenced?") == [AnswerType.DATE]
    assert kinds("When was he ordered to pay restitution?") == [
        AnswerType.DATE,
        AnswerType.MONEY,
    ]


def test_a_civil_penalty_is_an_amount_of_money() -> None:
    question = "What civil penalty does 19 U.S.C. 1526 impose on importers of counterfeits?"

    assert kinds(question) == [AnswerType.MONEY]
    assert answered(
        question,
        "(2) For the first such seizure, the fine shall be not more than the value that the "
        "merchandise would have had if it were genuine.",
    ) == {0}


def deciding(question_text: str, text: str, title: str) -> list[str]:
    """The sentences of ``text`` (a chunk titled ``title``) that may decide the question is
    answered."""
    question = Question.parse(question_text)
    weights = dict.fromkeys(question.terms + question.key_terms, 1.0)
    found = candidates(question, [hit(text, title=title)], weights)
    return [candidate.text for candidate in found if may_decide(question, candidate)]


def test_the_fine_another_section_sets_does_not_answer_for_the_section_cited() -> None:
    question = (
        "What fine can be imposed for trafficking in counterfeit labels under 18 U.S.C. 2318?"
    )
    rule = "(A) if an individual, shall be fined not more than $2,000,000."
    release = "She faces a maximum of 10 years in prison and a $2 million fine."

    assert deciding(question, rule, "\u00a7 2320. Trafficking in counterfeit goods") == []
    assert deciding(question, release, "Seller of counterfeit labels indicted") == []
    assert deciding(question, rule, "\u00a7 2318. Trafficking in counterfeit labels") == [rule]
    assert deciding(
        question, f"Under 18 U.S.C. 2318, {release[0].lower()}{release[1:]}", "Seller indicted"
    )


def test_a_list_of_fine_brackets_a_report_must_use_answers_what_they_are() -> None:
    question = (
        "When DOJ reports fines to Congress, what are the smallest and the top fine brackets?"
    )

    assert answered(
        question,
        "These categories shall be: no fines ordered; fines under $500; fines from $500 to "
        "$1,000; and fines over $10,000.",
    ) == {0}


def test_a_section_naming_the_one_cited_answers_for_it() -> None:
    question = "What is the maximum prison term for a 17 U.S.C. 506(a)(1)(B) offense?"
    rule = (
        "(c) Any person who commits an offense under section 506(a)(1)(B) of title 17 (1) shall "
        "be imprisoned not more than 3 years."
    )

    assert deciding(question, rule, "\u00a7 2319. Criminal infringement of a copyright") == [rule]


def test_a_section_naming_the_one_cited_only_in_general_does_not_answer_for_its_subsection() -> (
    None
):
    question = "What fine does 18 U.S.C. 2319(b) set for a first felony offense?"
    brackets = (
        "These categories shall be: no fines ordered; fines under $500; and fines over $10,000."
    )
    report = (
        "(D) The number of prosecutions brought under sections 2318, 2319, and 2320. " + brackets
    )
    cross_reference = "(3) Fines imposed under section 2319(b) are reported separately. " + brackets
    report_title = "\u00a7 2320. Trafficking in counterfeit goods \u2014 (h) Report to Congress"

    assert deciding(question, report, report_title) == []
    assert brackets in deciding(question, cross_reference, report_title)
    assert brackets in deciding("What fines does 18 U.S.C. 2319 report?", report, report_title)


def test_a_time_counted_from_another_event_does_not_answer() -> None:
    question = "Within how many days after seizing the goods must the owner be notified?"

    assert answered(question, "The owner shall be notified within 30 days after seizing them.")
    assert not answered(
        question, "The goods may be sold more than 90 days after the date of forfeiture."
    )
    assert answered(question, "The owner shall be notified within 30 days.")


def test_who_may_do_something_is_answered_by_the_office_the_statute_lets_do_it() -> None:
    question = "Who may assign further duties to the Director of the Seed Varieties Office?"
    leave = "(7) carry out such other duties as the Secretary of Agriculture may assign."

    assert answered(question, leave) == {0}
    assert answered("Who reviews the Director's reports?", leave) == set()


def test_what_number_of_things_asks_for_a_count() -> None:
    assert kinds("What number of copies triggers the felony?") == [AnswerType.COUNT]
    assert kinds("What is the registration number of the mark?") == [AnswerType.NUMBER]
    assert answered("What number of copies triggers the felony?", "It is at least 10 copies.")


def test_what_is_forfeitable_asks_for_things_not_an_amount() -> None:
    question = "Under 19 U.S.C. 1595a(d), property used for which steps is forfeitable?"
    rule = (
        "Property used to facilitate the receipt, transportation, or sale of such merchandise "
        "prior to exportation shall be seized and forfeited."
    )

    assert kinds(question) == [AnswerType.ANY]
    assert answered(question, rule) == {0}
    assert kinds("How much did he agree to forfeit?") == [AnswerType.MONEY]


def test_which_kinds_of_a_thing_asks_for_kinds_not_an_amount() -> None:
    assert kinds(
        "Which kinds of sales of exempted articles are not subject to the forfeiture rule?"
    ) == [AnswerType.ANY]
    assert kinds("What sales did the importer make before the forfeiture?") == [AnswerType.MONEY]


def test_how_fast_is_answered_by_without_delay() -> None:
    question = "Who at the issuing court has to send the case papers over, and how fast?"

    assert answered(
        question,
        "The clerk of the court or judge granting the injunction shall, when required to do so "
        "by the court where it is to be enforced, transfer without delay to that court a "
        "certified copy of all the papers on file in his office.",
    ) == {0, 1}


def test_a_definition_asked_for_is_not_answered_by_another_terms_definition() -> None:
    question = "How does the statute define trade dress blurring?"
    other = '(B) "Trade dress fading" is the loss of distinctiveness a famous dress suffers.'
    asked = '(C) "Trade dress blurring" is association that impairs a famous dress.'

    assert answered(question, other) == set()
    assert answered(question, asked) == {0}
    assert answered(
        "What does 'illicit label' mean?",
        'The term "illicit label" means a genuine certificate used without the owner\'s leave.',
    ) == {0}
    whose = "Under the customs subchapter, whose enforcement defines the scope of covered rights?"
    enforced = 'The term "covered rights" means the rights enforced by Jane Okafor, who sets them.'
    assert answered(whose, enforced) == {0}


def test_the_definition_of_the_term_asked_about_is_labelled_by_it() -> None:
    aspect = Question.parse("How does the statute define trade dress blurring?").aspects[0]
    mention = "(i) seeks to prevent trade dress blurring or trade dress fading; or"
    definition = '(C) "Trade dress blurring" is association that impairs a famous dress.'

    assert label_share(aspect, definition) == 1.0
    assert label_share(aspect, mention) == 0.0


def test_who_holds_an_office_is_asked_by_name_not_answered_by_another_body() -> None:
    duty = "The Director of the Marlow Center shall consult with private sector entities."
    assert answered("Who is the current Director of the Marlow Center?", duty) == set()
    assert answered("Who currently serves as Director of the Marlow Center?", duty) == set()
    assert answered("Whom must the Director of the Marlow Center consult?", duty) == {0}
    body = (
        "The Director of the Marlow Center shall coordinate with the Food and Drug Administration."
    )
    assert answered("What is the name of the Director of the Marlow Center?", body) == set()


def test_what_someone_must_do_is_told_as_his_duty() -> None:
    question = "Once the Registrar receives a clerk's notice of a lawsuit, what must he do with it?"
    duty = (
        "It shall be the duty of the Registrar on receipt of such notice forthwith to endorse "
        "the same upon the file wrapper."
    )

    assert answered(question, duty) == {0}


def test_a_deadline_to_report_is_not_the_deadline_for_another_duty() -> None:
    question = "By what date must the Commissioner report to Congress on the donations accepted?"
    rules = (
        "Not later than 180 days after February 24, 2016, the Commissioner shall prescribe "
        "regulations to accept donations of hardware."
    )
    report = (
        "Not later than June 30, 2017, the Commissioner shall submit to Congress a report on "
        "the donations accepted."
    )

    assert answered(question, rules) == set()
    assert answered(question, report) == {0}


def test_a_question_opening_with_must_after_the_law_it_cites_asks_yes_or_no() -> None:
    question = Question.parse(
        "Under 18 U.S.C. 2323(b), must the court order restitution to the trademark owner?"
    )

    assert kinds(question.text) == [AnswerType.ANY]
    assert question.asks_yes_or_no(0)
    assert kinds("Under 18 U.S.C. 2323(b), what restitution must the court order?") == [
        AnswerType.MONEY
    ]


def test_a_term_the_question_states_is_no_penalty_for_missing_it() -> None:
    question = (
        "What penalty does the seed act impose if the Board fails to notify growers within "
        "20 business days of a recall?"
    )
    duty = (
        "Not later than 20 business days after a recall, the Board shall notify each grower "
        "of the varieties recalled."
    )
    penalty = "A Board member who fails to notify shall be fined $500 for each day of delay."

    assert answered(question, duty) == set()
    assert answered(question, penalty) == {0}


def test_what_a_definition_names_is_answered_by_the_definition() -> None:
    question = "Which kinds of seed does the 7 U.S.C. 9001 definition of protected seed name?"
    definition = (
        'In this chapter, the term "protected seed" refers to hybrids, clones, and other '
        "varieties registered with the Seed Varieties Office."
    )
    other = 'The term "registered grower" means a grower listed by the Office.'

    assert answered(question, definition) == {0}
    assert answered(question, other) == set()


def test_how_many_bodies_are_asked_for_is_no_word_a_sentence_must_hold() -> None:
    question = (
        "Which two agencies' inspections set the scope of 'protected seed' under 7 U.S.C. 9001?"
    )
    definition = (
        'The term "protected seed" refers to varieties inspected by the Animal and Plant Health '
        "Inspection Service or the Agricultural Marketing Service."
    )

    assert answered(question, definition) == {0}


def test_a_rules_deadline_answers_by_what_deadline() -> None:
    question = "Who had to issue the seed recall regulations, and by what deadline?"
    rule = (
        "Not later than one year after March 3, 2019, the Secretary of Agriculture shall "
        "issue regulations for seed recalls."
    )

    assert answered(question, rule) == {0, 1}


def test_a_multiple_of_an_amount_answers_how_far_above_it_a_court_may_go() -> None:
    question = "Under 7 U.S.C. 9010(a), how far above actual damages can the court go?"
    multiple = (
        "In assessing damages the court may enter judgment for any sum above the amount found "
        "as actual damages, not exceeding three times such amount."
    )

    assert answered(question, multiple) == {0}
    assert answered(question, "The court shall assess such damages under its direction.") == set()


def test_when_doing_something_makes_a_thing_unlawful_asks_the_condition_not_a_date() -> None:
    question = "Under 7 U.S.C. 9001, when does altering a genuine seed tag make it an illicit tag?"
    condition = (
        "(ii) a genuine seed tag knowingly altered in order to show a higher germination rate "
        "than the tag was issued for."
    )

    assert AnswerType.DATE not in kinds(question)
    assert answered(question, condition) == {0}
    assert kinds("When did the Board first alter its seed tags?") == [AnswerType.DATE]


def test_who_is_the_office_the_question_names_asks_for_a_name() -> None:
    question = (
        "Who is the Seed Registrar of the Marlow Center who is responsible for grower outreach "
        "under 7 U.S.C. 9004?"
    )
    duty = (
        "The Seed Registrar of the Marlow Center shall work with other Federal agencies to "
        "conduct outreach to growers."
    )
    named = "Dana Vole, the Seed Registrar of the Marlow Center, leads its grower outreach."

    assert answered(question, duty) == set()
    assert answered(question, named) == {0}


def test_within_what_time_limit_is_a_part_of_its_own_answered_by_a_deadline() -> None:
    question = (
        "Under 7 U.S.C. 9012, what penalty does a grower face for selling recalled seed, and "
        "within what time limit must the Board bring the claim?"
    )
    penalty = (
        "A grower who sells recalled seed shall be liable to a penalty equal to the value of "
        "the seed sold."
    )
    deadline = (
        "The Board shall bring a claim for the penalty not later than 90 days after the date "
        "of the sale."
    )

    assert len(Question.parse(question).aspects) == 2
    assert answered(question, penalty) == {0}
    assert 1 in answered(question, deadline)


def test_how_much_notice_asks_for_a_length_of_time() -> None:
    question = (
        "How much advance notice must a grower give the Board before destroying recalled seed "
        "under 7 U.S.C. 9013?"
    )
    rule = "The grower shall give fifteen days\u2019 notice to the Board before destroying seed."

    assert kinds(question) == [AnswerType.DURATION]
    assert answered(question, rule) == {0}
    assert kinds("How much did the grower pay the Board?") == [AnswerType.MONEY]


def test_the_minimum_number_of_something_asks_for_a_count() -> None:
    question = (
        "What is the minimum number of inspectors the Board must assign to the Marlow Center "
        "under 7 U.S.C. 9004?"
    )
    rule = "(1) assign not fewer than 4 full-time inspectors to the Marlow Center; and"

    assert kinds(question) == [AnswerType.COUNT]
    assert answered(question, rule) == {0}
    assert kinds("What is the serial number of the seed tag?") == [AnswerType.NUMBER]


def test_a_count_asked_for_each_of_something_is_given_where_that_is_named() -> None:
    question = "What's the minimum number of inspectors the Board must assign at each seed market?"
    to_the_center = "(1) assign not fewer than 4 full-time inspectors to the Marlow Center; and"
    at_each_market = "(2) assign not fewer than 2 inspectors at each seed market."

    assert kinds(question) == [AnswerType.COUNT]
    assert answered(question, to_the_center) == set()
    assert answered(question, at_each_market) == {0}


def test_an_act_known_by_the_day_it_was_passed_is_a_law_named() -> None:
    question = "Which earlier Acts does 7 U.S.C. 9001 list as registering a seed tag?"
    definition = (
        "The term \u201cregistered seed tag\u201d means a tag registered under this chapter or "
        "under the Act of June 4, 1912, or the Act of May 2, 1931."
    )

    assert answered(question, definition) == {0}


def test_a_deadline_to_file_is_answered_by_a_time_counted_from_an_event() -> None:
    question = "What is the deadline for a grower to file a civil action under 7 U.S.C. 9012(c)?"
    rule = (
        "A civil action may not be commenced under this subsection unless it is commenced "
        "within 2 years after the date on which the grower discovers the violation."
    )

    assert answered(question, rule) == {0}
    assert answered(question, "The grower discovered the violation within 2 years.") == set()


def test_a_time_asked_as_counted_from_an_event_is_not_one_counted_from_another() -> None:
    question = (
        "Under 7 U.S.C. 9012(c), what is the outer time limit counted from the date the sale "
        "occurred?"
    )
    from_discovery = (
        "A civil action may not be commenced unless it is commenced within 2 years after the "
        "date on which the grower discovers the violation."
    )
    from_the_sale = (
        "No civil action may be commenced more than 5 years after the date on which the sale "
        "occurred."
    )

    assert answered(question, from_discovery) == set()
    assert answered(question, from_the_sale) == {0}


def test_what_kind_of_organizations_asks_for_a_kind_which_eleemosynary_says_charitable() -> None:
    question = "To what kind of charitable organizations may the Board give seized seed?"

    assert kinds(question) == [AnswerType.ANY]
    assert kinds("Which charitable organizations received the seized seed?") == [AnswerType.PERSON]
    charitable = terms("charitable")[0]
    assert has_word(charitable, frozenset(terms("by gift to such eleemosynary institutions")))
