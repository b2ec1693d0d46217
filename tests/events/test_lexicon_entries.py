"""Lexicon entries, each read in a sentence of our own: suspended sanctions or countermeasures are eased, not cut
aid (a "package of countermeasures" is no aid package); talks, consultations, denials, opposition, repression
and rape, in French or English."""

from __future__ import annotations

from collections.abc import Callable

from annales import Article
from tests.events.helpers import article_with_actors


def _codes(article: object) -> set[tuple[str | None, str, str | None]]:
    return {(e.source.code if e.source else None, e.cameo, e.target.code if e.target else None) for e in article.events}  # type: ignore[attr-defined]


def test_suspending_countermeasures_eases_sanctions() -> None:
    actors = {"EU": ("IGOEEC", "IGO", None, [r"Brussels"]), "USA": ("USA", "USA", None, [r"Washington"])}
    article = article_with_actors("Brussels suspended its countermeasures against Washington.", actors, language="en")
    assert ("IGOEEC", "085", "USA") in _codes(article)


def _coded(run_text: Callable[..., Article], text: str, language: str) -> set[tuple[str | None, str, str | None]]:
    return _codes(run_text(text, language=language))


def test_talks_and_consultations_are_consultations_whatever_the_lemma(run_text: Callable[..., Article]) -> None:
    # fr_core_news_md lemmatises "pourparlers" to "pourparler": both spellings are entries.
    codes = _coded(run_text, "La Turquie mène des pourparlers avec la Grèce. Le Japon a mené des consultations avec la Corée du Sud.", "fr")
    assert {("TUR", "046", "GRC"), ("JPN", "040", "KOR")} <= codes


def test_denials_are_coded_like_nier(run_text: Callable[..., Article]) -> None:
    codes = _coded(run_text, "Le gouvernement malien a démenti ces accusations. Le Kremlin a réfuté les affirmations de l'Ukraine.", "fr")
    assert any(s == "MLIGOV" and c == "016" for s, c, _ in codes)
    assert any(s == "RUSGOV" and c == "016" for s, c, _ in codes)


def test_opposition_from_an_actor_is_a_rejection_but_an_opposition_party_is_not(run_text: Callable[..., Article]) -> None:
    codes = _coded(run_text, "The plan faced strong opposition from Japan.", "en")
    assert any(s == "JPN" and c == "120" for s, c, _ in codes)
    assert not any(c == "120" for _, c, _ in _coded(run_text, "The Syrian opposition met in Geneva on Monday.", "en"))


def test_repression_and_rape_are_assaults(run_text: Callable[..., Article]) -> None:
    codes = _coded(run_text, "Rights groups condemned the repression of protesters by the Iranian police.", "en")
    assert any(c == "175" for _, c, _ in codes)
    assert any(c == "1821" for _, c, _ in _coded(run_text, "Des soldats éthiopiens sont accusés du viol de civiles érythréennes.", "fr"))


def test_mockery_and_objection_are_criticism_and_contact_needs_an_actor(run_text: Callable[..., Article]) -> None:
    english = _coded(run_text, "Russia ridiculed the Ukrainian proposal. Japan objected to China's plan. Kenya contacted Uganda.", "en")
    assert any(s == "RUS" and c == "111" for s, c, _ in english)
    assert any(s == "JPN" and c == "111" for s, c, _ in english)
    assert ("KEN", "040", "UGA") in english
    assert not any(c == "040" for _, c, _ in _coded(run_text, "Kenya contacted the weather service about the rain.", "en"))
    french = _coded(run_text, "Le Maroc a ridiculisé l'Algérie. Le Mali a raillé la France.", "fr")
    assert any(s == "MAR" and c == "111" for s, c, _ in french)
    assert any(s == "MLI" and c == "111" for s, c, _ in french)


def test_attacking_words_or_plans_is_criticism_and_attacking_a_place_is_an_assault(run_text: Callable[..., Article]) -> None:
    verbal = _coded(run_text, "Japan attacked China's proposals as unworkable. Kenya attacked Uganda's remarks.", "en")
    assert any(s == "JPN" and c == "111" for s, c, _ in verbal)
    assert any(s == "KEN" and c == "111" for s, c, _ in verbal)
    assert not any(c.startswith("19") for _, c, _ in verbal)
    armed = _coded(run_text, "Russia attacked the Ukrainian city of Kharkiv.", "en")
    assert any(c.startswith("19") for _, c, _ in armed) and not any(c == "111" for _, c, _ in armed)


def test_wanting_an_actor_to_act_is_an_appeal_but_a_wished_state_of_affairs_is_none(run_text: Callable[..., Article]) -> None:
    assert any(s == "USAGOV" and c == "020" for s, c, _ in _coded(run_text, "President Biden wants Putin to withdraw his troops.", "en"))
    assert not any(c == "020" for _, c, _ in _coded(run_text, "The French government wants the new bill to pass into law by March.", "en"))


def test_returning_needs_something_returned(run_text: Callable[..., Article]) -> None:
    assert any(c.startswith("084") for _, c, _ in _coded(run_text, "Russia returned the seized ships to Ukraine.", "en"))
    assert not any(c.startswith("08") for _, c, _ in _coded(run_text, "The Japanese foreign minister has returned to Tokyo.", "en"))


def test_french_agreeing_among_oneself_and_continuing_reforms_are_no_events(run_text: Callable[..., Article]) -> None:
    # « s'accorder à dire » is agreeing among oneself, not granting; « la poursuite des réformes » their
    # continuation, not a prosecution; a wish addresses an actor or is none.
    assert not _coded(run_text, "Les partis politiques maliens s'accordent à dire que la situation a changé.", "fr")
    assert not any(c.startswith("11") for _, c, _ in _coded(run_text, "Les électeurs sud-africains ont approuvé la poursuite des réformes.", "fr"))
    assert any(c.startswith("11") for _, c, _ in _coded(run_text, "La Cour pénale internationale a engagé des poursuites contre des dirigeants russes.", "fr"))
    assert not any(c == "020" for _, c, _ in _coded(run_text, "Le gouvernement malien veut que la situation se calme.", "fr"))


def test_sharing_needs_someone_to_share_with(run_text: Callable[..., Article]) -> None:
    assert any(s == "KEN" and c.startswith("06") for s, c, _ in _coded(run_text, "Kenya shared its water reserves with Uganda.", "en"))
    assert not any(c.startswith("06") for _, c, _ in _coded(run_text, "The Kenyan government shared the blame for the crisis.", "en"))


def test_a_request_or_a_stance_needs_its_doer(run_text: Callable[..., Article]) -> None:
    # an agentless "was asked" is a journalist's question, and a thing ("funding", "a grant") helps nobody as an actor;
    # a pronoun is a doer the actors left unresolved: the sense stands
    assert any(s == "IRN" and c == "020" for s, c, _ in _coded(run_text, "Iran asked Russia to withdraw its troops.", "en"))
    assert not any(c == "020" for _, c, _ in _coded(run_text, "Asked if he would resign, the British prime minister said no.", "en"))
    # asked to do something, the request stands even when nobody is said to ask
    assert any(c == "020" for _, c, _ in _coded(run_text, "The Kenyan police were asked to investigate the killings.", "en"))
    assert not any(c.startswith("07") for _, c, _ in _coded(run_text, "The funding will help Kenyan farmers through the drought.", "en"))
    kept = run_text("Britain will be on display as it continues to support Ukraine.", language="en", disabled_stages=("judge",))
    assert any(e.cameo == "051" for e in kept.events)


def test_french_support_of_armed_forces_is_military_aid(run_text: Callable[..., Article]) -> None:
    assert any(s == "FRAMIL" and c == "072" for s, c, _ in _coded(run_text, "L'armée malienne, soutenue par les troupes françaises, a repris Kidal.", "fr"))
    assert any(s == "FRA" and c == "051" for s, c, _ in _coded(run_text, "La France soutient le Mali.", "fr"))


def test_a_visit_needs_an_official_visitor(run_text: Callable[..., Article]) -> None:
    # a state or an official travels or hosts; a people named by its demonym, or ships, make no diplomatic visit
    assert any(c == "042" for _, c, _ in _coded(run_text, "Le ministre malien des Affaires étrangères s'est rendu à Paris.", "fr"))
    assert any(c == "043" for _, c, _ in _coded(run_text, "La France a accueilli le président iranien.", "fr"))
    assert not any(c.startswith("04") for _, c, _ in _coded(run_text, "Certains Ukrainiens se sont rendus en Russie.", "fr"))
    assert not any(c.startswith("04") for _, c, _ in _coded(run_text, "South African ships arrived in Mozambique.", "en"))


def test_a_domestic_demand_with_no_addressee_is_aimed_at_the_government(run_text: Callable[..., Article]) -> None:
    text = ("The British government announced new licensing rules for pubs. "
            "The Conservatives have called for a public inquiry.")
    article = run_text(text, language="en", disabled_stages=("judge",))
    implied = [e for e in article.events if e.cameo_root == "02" and e.method.endswith("+implied-government")]
    assert implied and implied[0].target is not None and implied[0].target.code == "GBRGOV"
    assert implied[0].target.start < implied[0].start  # the government's mention the article gives, not a made-up side
    # a government's own appeal keeps no addressee it does not name
    alone = run_text("The British government called for calm.", language="en", disabled_stages=("judge",))
    assert not any(e.method.endswith("+implied-government") for e in alone.events)


def test_voting_against_is_a_rejection_and_being_poised_to_is_intent(run_text: Callable[..., Article]) -> None:
    text = "The British government announced new licensing rules. The Conservatives are poised to vote against the plans."
    votes = [e for e in run_text(text, language="en", disabled_stages=("judge",)).events if e.cameo == "120"]
    assert votes and votes[0].modality == "intended"
    assert any(c == "120" for _, c, _ in _coded(run_text, "Le parlement malien a voté contre la France.", "fr"))


def test_agreeing_with_a_view_is_no_act_but_agreeing_with_an_actor_is(run_text: Callable[..., Article]) -> None:
    assert not any(c.startswith("03") for _, c, _ in _coded(run_text, "Vladimir Putin said he agreed with everything in the report.", "en"))
    assert ("IRN", "030", "RUS") in _coded(run_text, "Iran agreed with Russia to expand trade.", "en")


def test_pressure_on_an_actor_is_a_demand_and_troops_leaving_a_country_withdraw(run_text: Callable[..., Article]) -> None:
    assert ("USAGOV", "100", "UKR") in _coded(run_text, "Washington a fait pression sur l'Ukraine pour qu'elle négocie.", "fr")
    assert ("FRAMIL", "0874", "MLI") in _coded(run_text, "Les forces françaises ont quitté le territoire malien.", "fr")
    assert ("USAMIL", "0874", "AFG") in _coded(run_text, "US troops left Afghanistan in 2021.", "en")
    assert not _coded(run_text, "Joe Biden left Afghanistan on Monday.", "en")  # a visitor leaving withdraws nothing


def test_a_walkout_or_strike_action_is_a_strike(run_text: Callable[..., Article]) -> None:
    # the verb "walk out" is left alone: a player or a guest walks out too
    assert any(c == "143" for _, c, _ in _coded(run_text, "The walkout by British nurses will disrupt hospitals.", "en"))
    assert any(c == "143" for _, c, _ in _coded(run_text, "The strike action by British rail workers will disrupt travel.", "en"))


def test_violence_verbs_and_nouns(run_text: Callable[..., Article]) -> None:
    en = _coded(run_text, "Taliban militants stabbed two Afghan soldiers. Russian troops torched Ukrainian villages.", "en")
    assert {("AFGREB", "182", "AFGMIL")} <= en
    assert any(s == "RUSMIL" and c == "1712" for s, c, _ in en)
    fr = _coded(run_text, "Des rebelles tchétchènes ont posé une bombe devant l'ambassade de Russie. Des soldats maliens ont incendié des villages nigériens.", "fr")
    assert any(s == "RUSREB" and c == "183" for s, c, _ in fr)
    assert any(s == "MLIMIL" and c == "1712" for s, c, _ in fr)
    # a bomb word is needed: "poser une question" is no bombing
    assert not any(c == "183" for _, c, _ in _coded(run_text, "Des rebelles tchétchènes ont posé une question à la Russie.", "fr"))


def test_ruling_out_is_a_rejection(run_text: Callable[..., Article]) -> None:
    assert any(s == "GBRGOV" and c == "120" for s, c, _ in _coded(run_text, "The British government ruled out talks with the RMT union.", "en"))


def test_meeting_a_goal_or_difficulties_is_no_meeting(run_text: Callable[..., Article]) -> None:
    assert not any(c.startswith("04") for _, c, _ in _coded(run_text, "The Kremlin said Russia had met its objectives in Ukraine.", "en"))
    assert not any(c.startswith("04") for _, c, _ in _coded(run_text, "L'armée malienne a rencontré des difficultés face à la France.", "fr"))
    assert ("GBRGOV", "040", "USAGOV") in _coded(run_text, "Prime Minister Tony Blair met President George W. Bush in 2004.", "en")


def test_manifester_with_an_object_expresses_it_and_without_one_demonstrates(run_text: Callable[..., Article]) -> None:
    assert not any(c.startswith("14") for _, c, _ in _coded(run_text, "Le ministre a manifesté sa fierté devant l'armée malienne.", "fr"))
    assert ("JPN", "051", "UKR") in _coded(run_text, "Le Japon a manifesté son soutien à l'Ukraine.", "fr")
    assert any(c == "140" for _, c, _ in _coded(run_text, "Des milliers d'étudiants ont manifesté contre le gouvernement sénégalais.", "fr"))


def test_chercher_a_is_no_intent_to_cooperate_of_its_own(run_text: Callable[..., Article]) -> None:
    text = "Le président Petro Porochenko a cherché à dépeindre Volodymyr Zelensky comme un novice."
    assert not any(c == "030" for _, c, _ in _coded(run_text, text, "fr"))


def test_refusing_to_confirm_or_comment_is_no_rejection(run_text: Callable[..., Article]) -> None:
    for text, language in (("La Maison Blanche a refusé de confirmer les informations du journal russe.", "fr"),
                           ("The White House refused to confirm the Russian report.", "en")):
        assert not any(c.startswith("12") for _, c, _ in _coded(run_text, text, language))
    # a participle of saying beside the refusal is not what is refused
    text = "President Volodymyr Zelensky refused to extend the contract with Russia, saying Kyiv would not help Moscow."
    assert any(c.startswith("12") for _, c, _ in _coded(run_text, text, "en"))


def test_hitting_back_at_claims_is_verbal(run_text: Callable[..., Article]) -> None:
    # the parser often takes "back" for an adverb, not a particle
    codes = _coded(run_text, "Michael Howard hit back at Labour claims about the war in Iraq.", "en")
    assert any(c == "111" for _, c, _ in codes) and not any(c.startswith("19") for _, c, _ in codes)


def test_fines_are_coercion(run_text: Callable[..., Article]) -> None:
    fined = run_text("Russian authorities fined the BBC for its reports on the war.", language="en")
    assert any(e.cameo == "172" for e in fined.events)


def test_a_noun_that_chose_its_verbs_sense_is_that_verbs_event(run_text: Callable[..., Article]) -> None:
    # "go on strike" (go with an object of the protest class) is the strike; the noun adds no armed strike of its own
    codes = _coded(run_text, "British nurses went on strike against the British government.", "en")
    assert any(c == "143" for _, c, _ in codes) and not any(c.startswith("19") for _, c, _ in codes)


def test_a_labour_strike_is_a_strike_not_an_air_strike(run_text: Callable[..., Article]) -> None:
    codes = _coded(run_text, "The miners' strike against the British government lasted a year.", "en")
    assert any(c == "143" for _, c, _ in codes) and not any(c.startswith("19") for _, c, _ in codes)


def test_an_event_noun_modifying_another_noun_is_no_act(run_text: Callable[..., Article]) -> None:
    codes = _coded(run_text, "So, both sides signed the Northern Ireland Protocol as part of the Brexit withdrawal agreement with the EU.", "en")
    assert not any(c.startswith("08") for _, c, _ in codes)  # the agreement is no withdrawal


def test_deaths_in_an_accident_and_holding_a_post_are_no_attack_or_occupation(run_text: Callable[..., Article]) -> None:
    for text, language in (("Sept soldats français ont été tués dans un accident d'hélicoptère au Mali.", "fr"),
                           ("Seven French soldiers were killed in a helicopter crash in Mali.", "en"),
                           ("Le ministre malien n'occupe aucun poste au sein du gouvernement français.", "fr")):
        assert not any(c.startswith("19") for _, c, _ in _coded(run_text, text, language)), text
    assert any(c.startswith("19") for _, c, _ in _coded(run_text, "Des jihadistes ont tué sept soldats français au Mali.", "fr"))


def test_holding_territory_is_no_detention_and_convening_a_summit_no_summons(run_text: Callable[..., Article]) -> None:
    held = _coded(run_text, "Les séparatistes prorusses détenaient d'importants territoires dans le Donbas depuis 2014.", "fr")
    assert not any(c == "173" for _, c, _ in held)
    detained = _coded(run_text, "L'armée a libéré de nombreuses femmes qui étaient détenues par les groupes armés au Burkina Faso.", "fr")
    assert any(c == "173" for _, c, _ in detained)
    convened = _coded(run_text, "Le président Emmanuel Macron a convoqué lundi un sommet à Pau sur le Sahel.", "fr")
    assert not any(c.startswith("11") for _, c, _ in convened)
