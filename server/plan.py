"""The safety plan checklist: sections and items. The person's answers never reach the server.

Each item has a stable id, so a saved plan keeps its ticks when the wording or
the language changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Item:
    """One thing to tick off."""

    id: str
    text: object


@dataclass(frozen=True)
class Section:
    """A part of the plan with its items; `numbers` lists phone numbers instead."""

    id: str
    title: object
    intro: object
    items: tuple[Item, ...] = ()


SECTIONS = (
    Section("signs", _l("Warning signs"), _l("Signs that things are about to go wrong."), (
        Item("signs-moments", _l("I know which moments are often dangerous, for example with alcohol, money worries or jealousy.")),
        Item("signs-tension", _l("I notice when the tension rises: shouting, threats, breaking things.")),
        Item("signs-plan", _l("I know what I will do when I see these signs.")),
        Item("signs-112", _l("Threats to hurt me, the children, pets or themselves: then I call 112.")),
    )),
    Section("places", _l("Safer places and ways out"), _l("Where you can go in and around the house."), (
        Item("places-room", _l("I know a room with a way out and without sharp things.")),
        Item("places-avoid", _l("When it gets tense, I stay out of the kitchen, the bathroom and the garage.")),
        Item("places-exit", _l("I know how to get out of the house quickly, also at night.")),
        Item("places-go", _l("I know a safe place to go to: a neighbour, a friend, a shop that is open late.")),
    )),
    Section("people", _l("People I trust and a code word"), _l("Who can help you, and how you warn them."), (
        Item("people-told", _l("I have told someone I trust what is going on.")),
        Item("people-word", _l("We agreed on a code word that means: call for help.")),
        Item("people-neighbour", _l("A neighbour knows to call 112 when they hear shouting or fighting.")),
        Item("people-check", _l("Someone checks in with me regularly.")),
    )),
    Section("bag", _l("An emergency bag"), _l("Things to take when you have to leave fast."), (
        Item("bag-id", _l("ID card or passport")),
        Item("bag-cards", _l("Bank cards")),
        Item("bag-money", _l("Some cash")),
        Item("bag-keys", _l("Spare keys for the house and the car")),
        Item("bag-medicine", _l("Medicines and prescriptions")),
        Item("bag-charger", _l("Phone charger")),
        Item("bag-children", _l("Things for the children: clothes, medicines, a favourite toy")),
        Item("bag-clothes", _l("Clothes for a few days")),
        Item("bag-hidden", _l("The bag is with someone I trust, or in a place where it will not be found.")),
    )),
    Section("documents", _l("Important documents"), _l("Papers you need, or copies of them."), (
        Item("docs-birth", _l("Birth certificates and residence documents")),
        Item("docs-health", _l("Health insurance cards")),
        Item("docs-money", _l("Bank details and contracts, such as rent or mortgage")),
        Item("docs-proof", _l("Proof of what happened: photos, messages, notes from a doctor")),
        Item("docs-copies", _l("Copies are with someone I trust.")),
    )),
    Section("children", _l("Children"), _l("What your children know and who looks after them."), (
        Item("kids-safe", _l("My children know where to go when it is not safe at home.")),
        Item("kids-112", _l("They know how to call 112 and what to say.")),
        Item("kids-pickup", _l("I know who can pick up the children from school.")),
        Item("kids-school", _l("The school knows who may and may not pick them up.")),
        Item("kids-talk", _l("My children know they can talk to De Kindertelefoon, for free.")),
    )),
    Section("after", _l("After leaving"), _l("Staying safe once you have left."), (
        Item("after-passwords", _l("I change my passwords and PIN codes.")),
        Item("after-location", _l("I check my phone and accounts for location sharing.")),
        Item("after-routes", _l("Where I can, I change my daily routes and times.")),
        Item("after-tell", _l("I tell school and work who may not get information about me.")),
        Item("after-advice", _l("I ask Veilig Thuis what else I can do to stay safe.")),
    )),
    Section("numbers", _l("My important numbers"), _l("Numbers you can call. Add your own.")),
)

# Numbers that are always at the top of "My important numbers".
PLAN_NUMBERS = ("112", "veilig-thuis")


# Child mode: a simpler plan in short words.
CHILD_SECTIONS = (
    Section("safe-people", _l("My safe people"), _l("Grown-ups I trust and can tell things to."), (
        Item("j-people-one", _l("I know one grown-up I can tell everything.")),
        Item("j-people-school", _l("I know someone at school I can go to.")),
        Item("j-people-word", _l("I have a secret word that means: help me.")),
    )),
    Section("safe-place", _l("My safe place"), _l("Where I can go when it is not safe."), (
        Item("j-place-home", _l("I know a safe spot in the house.")),
        Item("j-place-out", _l("I know a house nearby where I can go.")),
    )),
    Section("numbers", _l("Who I can call"), _l("Numbers you can call. Add your own.")),
)
CHILD_NUMBERS = ("112", "kindertelefoon", "veilig-thuis")
