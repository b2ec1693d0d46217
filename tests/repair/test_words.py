import pytest

from annales.repair.offsets import OffsetMap, apply_edits
from annales.repair.words import word_edits


def fixed(text: str, language: str = "fr") -> str:
    return apply_edits(text, OffsetMap(len(text)), word_edits(text, language), [])[0]


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("Poutine a signé avec Vladimir Poutineun Accord", "Poutine a signé avec Vladimir Poutine un Accord"),
        ("face à l'Occident, les sanctions de l'Occidentle traité", "face à l'Occident, les sanctions de l'Occident le traité"),
        ("après la RussieL'Iran importe du gaz", "après la Russie L'Iran importe du gaz"),
        ("un accordstratégique global", "un accord stratégique global"),
        ("le texte doit être combattueÀ défaut", "le texte doit être combattue À défaut"),
        ("a dit Oleksandr KubrakovDans son discours", "a dit Oleksandr Kubrakov Dans son discours"),
        ("la cour d'assises et la Courd'assises", "la cour d'assises et la Cour d'assises"),
        ("dans ses 47 articles un un large éventail", "dans ses 47 articles un large éventail"),
        ("la vérité est que le l'alliance militaire", "la vérité est que l'alliance militaire"),
        ("Le l'économie iranienne", "L'économie iranienne"),
        ("il préparait un une vaste stratégie", "il préparait une vaste stratégie"),
    ],
)
def test_words_repairs_french(damaged: str, repaired: str) -> None:
    assert fixed(damaged) == repaired


@pytest.mark.parametrize(
    "clean",
    [
        "des drones Shahed livrés par Téhéran",
        "le président Masud Pezeshkian et António Guterres",
        "Jean Dupont, Paul Lenoir et Marie Desjardins",
        "Volodymyr Zelensky a rencontré Recep Tayyip Erdogan",
        "nous nous sommes vus, vous vous êtes vus",
        "l'un des accords, à la une des journaux",
        "voir https://exemple.org/pourlequel et @journaliste",
        "la BlackRock et PlayStation et YouTube, LinkedIn, TurkStream, VoloCity",
        "des hydrojets multimilliardaires, les débutées qui fêteront et déplaceraient",
    ],
)
def test_words_leave_clean_french_alone(clean: str) -> None:
    assert fixed(clean) == clean


def test_words_english() -> None:
    assert fixed("He signed the a deal with the the president", "en") == "He signed a deal with the president"
    assert fixed("It had had no effect on Guterres or Zelensky", "en") == "It had had no effect on Guterres or Zelensky"


def test_words_name_glued_only_when_it_stands_alone_elsewhere() -> None:
    assert fixed("Il a rencontré Halfon hier.", "en") == "Il a rencontré Halfon hier."
    assert fixed("Erdogan a reçu Ahmed. Erdoganet lui ont parlé.") == "Erdogan a reçu Ahmed. Erdogan et lui ont parlé."


def test_words_repeated_token_is_not_split() -> None:
    text = "Iranun chiffre. Iranun encore."
    assert fixed(text) == text


def test_words_long_glued_run_tries_only_word_length_splits(monkeypatch: pytest.MonkeyPatch) -> None:
    """A run of thousands of letters (a paste without spaces) used to try every split point, each
    lowercasing the whole run: quadratic, seconds per article. Only splits whose right part could be
    a listed word are tried now, and a real glue is still found."""
    from annales.repair import words

    calls = 0
    zipf = words.LangWords.zipf

    def counting(self: words.LangWords, word: str) -> float:
        nonlocal calls
        calls += 1
        return zipf(self, word)

    monkeypatch.setattr(words.LangWords, "zipf", counting)
    run = "Leprésident" * 400
    assert fixed(f"un {run} vu") == f"un {run} vu"
    assert calls < 400  # was about 2 x 4,400
    assert fixed("un accordstratégique global") == "un accord stratégique global"


def test_words_split_a_fairly_rare_token_of_two_function_words() -> None:
    assert fixed("L'Ukraine est surle point de céder, parla suite.") == "L'Ukraine est sur le point de céder, par la suite."
    # a name, or a word with a rarer part, stays whole
    assert fixed("Claude Monet et Iván Duque.") == "Claude Monet et Iván Duque."
    assert fixed("They had to forgo the deal.", "en") == "They had to forgo the deal."


@pytest.mark.parametrize(
    ("damaged", "repaired", "language"),
    [
        # an unlisted capitalised token: a sentence-initial word or known name + a function word
        ("un salaud ! Lorsde la deuxième partie", "un salaud ! Lors de la deuxième partie", "fr"),
        ("le territoire de l'actuelle Toscanedu Xe siècle", "le territoire de l'actuelle Toscane du Xe siècle", "fr"),
        ("Kevin Kim. Editedby: Kevin Kim.", "Kevin Kim. Edited by: Kevin Kim.", "en"),
        # a name that stands alone twice needs no frequency of its own and takes no ending
        ("Le PSG gagne, le PSG perd : le PSGet le club", "Le PSG gagne, le PSG perd : le PSG et le club", "fr"),
        ("Sheikh Jarrah, à Jarrah, les rues de Jarrahont brûlé", "Sheikh Jarrah, à Jarrah, les rues de Jarrah ont brûlé", "fr"),
    ],
)
def test_words_split_a_capitalised_glue(damaged: str, repaired: str, language: str) -> None:
    assert fixed(damaged, language) == repaired


@pytest.mark.parametrize(
    ("clean", "language"),
    [
        # listed names that end in a function word's letters stay whole, in both languages
        ("Sweden, Linden, Aden, Camden, Halfon, Hansen, Petersen and Harrison met.", "en"),
        ("La Suède, Sweden, Linden, Aden, Camden, Halfon, Hansen et Petersen.", "fr"),
        ("Ils ont rencontré Martinet, Robinet, Lenoir et Dupont.", "fr"),
        # after a first name an unlisted capitalised token is a surname: "Dogus" is not "Dog us"
        ("said Ibrahim Dogus, chair of the British Takeaway Campaign", "en"),
        # a capitalised word that is listed, however rare, is not split ("Checkout" is a word)
        ("Checkout our full rundown of the changes.", "en"),
    ],
)
def test_words_leave_names_alone(clean: str, language: str) -> None:
    assert fixed(clean, language) == clean


def test_words_prefer_a_function_word_and_plural_agreement() -> None:
    # "comédie|net" has no function word; "syndicat|sont" a singular before a plural verb
    assert fixed("le comédienet humoriste français") == "le comédien et humoriste français"
    assert fixed("des syndicatsont annoncé le boycott") == "des syndicats ont annoncé le boycott"
    assert fixed("les températures moyennesont augmenté") == "les températures moyennes ont augmenté"
    # a plural too rare to split at is not moved across the glue either ("neuroscientifique sont")
    assert fixed("les neuroscientifiquesont observé") == "les neuroscientifiquesont observé"
    text = "Le neuroscientifique parle. Les neuroscientifiquesont observé"
    assert fixed(text) == text
    # a function word takes no plural mark: "qui sont", though "quis" is listed
    assert fixed("des abrasifs, quisont souvent marqués") == "des abrasifs, qui sont souvent marqués"
    # a conjugated form still keeps its ending
    assert fixed("les débutées qui fêteront et déplaceraient") == "les débutées qui fêteront et déplaceraient"


def test_words_split_a_lowercase_glue_used_twice() -> None:
    text = "il a exigé 8 moisde caution, puis un moisde loyer"
    assert fixed(text) == "il a exigé 8 mois de caution, puis un mois de loyer"
    # a repeated capitalised token is still a name
    assert fixed("Iranun chiffre. Iranun encore.") == "Iranun chiffre. Iranun encore."
