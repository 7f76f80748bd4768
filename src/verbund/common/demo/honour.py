"""The demo's code of honour (Ehrenkodex, seeds 001/002): version 1, accepted by everyone."""

from verbund.conduct.models import HonourAcceptance
from verbund.conduct.queries import people_bound
from verbund.conduct.services import publish_code

TEXT_DE = """\
1. Wir gehen offen und ehrlich miteinander um. Was im Verbund besprochen wird, bleibt im Verbund.
2. Wir werben einander keine Kunden und keine Mitarbeitenden ab.
3. Eine Empfehlung behandeln wir wie einen eigenen Kunden: schnell, verbindlich und fair.
4. Wir teilen Wissen und Erfahrungen, auch mit kollegialen Wettbewerbern.
5. Wir nehmen regelmäßig an den Treffen unserer Gruppe teil oder schicken eine Vertretung.
6. Konflikte klären wir zuerst im Gespräch, dann mit der Moderation, zuletzt mit dem Beirat.
7. Wer gegen diesen Kodex verstößt, muss mit einer Verwarnung, einer Ruhendstellung oder dem
   Ausschluss rechnen; darüber entscheidet der Beirat.
"""

TEXT_EN = """\
1. We deal with each other openly and honestly. What is discussed in the network stays there.
2. We do not poach each other's customers or employees.
3. We treat a referral like our own customer: quickly, reliably and fairly.
4. We share knowledge and experience, with our fellow competitors too.
5. We attend our group's meetings regularly or send a substitute.
6. We settle conflicts first in conversation, then with the moderator, last with the board.
7. Whoever breaks this code faces a warning, suspension or expulsion; the advisory board
   decides.
"""


def build_code_of_honour() -> None:
    """Publish version 1 and record that every person of a member company accepted it (the
    demo logins then go straight to their start page)."""
    code = publish_code(text_de=TEXT_DE, text_en=TEXT_EN, actor=None)
    HonourAcceptance.objects.bulk_create(
        HonourAcceptance(person=person, code=code) for person in people_bound()
    )
