import pytest

from server.readability import flesch_douma, main_text, syllables


@pytest.mark.parametrize(("word", "count"), [
    ("bel", 1), ("huis", 1), ("veilig", 2), ("kindertelefoon", 5), ("zeggen", 2), ("ijs", 1),
])
def test_syllables(word, count):
    assert syllables(word) == count


def test_short_sentences_score_high_and_long_ones_low():
    easy = "Je bent niet alleen. Bel de Kindertelefoon. Het is gratis."
    hard = ("Indien er sprake is van structurele verwaarlozing binnen de huiselijke "
            "omgeving, adviseren professionele hulpverleningsorganisaties onmiddellijk "
            "contact op te nemen met gespecialiseerde instanties.")
    assert flesch_douma(easy) > 80 > flesch_douma(hard)


def test_only_visible_text_inside_main_counts():
    html = ("<body><button hidden>Weg</button><main><h1>Hoi</h1>"
            "<p hidden>Verborgen tekst</p><template><p>Sjabloon</p></template>"
            "<svg><title>Plaatje</title></svg><input hidden><p>Zichtbaar</p></main>"
            "<footer>Voet</footer></body>")
    text = main_text(html)
    assert "Hoi" in text and "Zichtbaar" in text
    for gone in ("Weg", "Verborgen", "Sjabloon", "Plaatje", "Voet"):
        assert gone not in text
