"""What the self-assessment test modules share: a territory, starting an assessment and
answering it step by step, and reading the result's score table."""

import re

from assessment.models import Assessment

TERRITORY = {"territory_name": "Saint-Véran", "country": "FR", "population": "1200",
             "altitude_m": "900", "body_type": "municipality"}
DIMENSIONS = ["governance", "people", "living", "environment", "economy", "mobility"]


def start(client, lang="en", **territory):
    response = client.post(f"/{lang}/assessment/", {**TERRITORY, **territory})
    assert response.status_code == 302
    return Assessment.objects.get(token=response["Location"].split("/")[3])


def question_names(client, assessment, step, lang="en"):
    html = client.get(f"/{lang}/assessment/{assessment.token}/step/{step}/").content.decode()
    return list(dict.fromkeys(re.findall(r'name="(q-[a-z0-9-]+)"', html)))


def answer_all(client, assessment, levels, lang="en"):
    """levels: {dimension: [4 values "1"–"5" or "unknown"]}, posted step by step."""
    for step, dimension in enumerate(DIMENSIONS, start=1):
        names = question_names(client, assessment, step, lang)
        data = {"assessment": assessment.token, "next": "1",
                **dict(zip(names, levels[dimension], strict=True))}
        response = client.post(f"/{lang}/assessment/{assessment.token}/step/{step}/", data)
        assert response.status_code == 302
    assessment.refresh_from_db()
    return assessment


def uniform(level):
    return {d: [str(level)] * 4 for d in DIMENSIONS}


def table(html):
    """{dimension label: [cells]} of the result's score table."""
    body = html[html.index('<table class="scores">'):html.index("</table>")]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)[1:]:
        cells = [re.sub(r"<[^>]+>|\s+", " ", c).strip()
                 for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        rows[cells[0]] = cells[1:]
    return rows
