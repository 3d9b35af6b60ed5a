"""The practice file (format "superbill/1"): `read` checks one into a Practice, `write` writes one out;
`fields` is its shape (every key each record takes), `json_checks` the JSON reading both rest on.
"""

from app.services.practice_file.fields import FIELDS as FIELDS
from app.services.practice_file.fields import FORMAT as FORMAT
from app.services.practice_file.read import LARGEST_FILE as LARGEST_FILE
from app.services.practice_file.read import practice_from_json as practice_from_json
from app.services.practice_file.read import read_practice_file as read_practice_file
from app.services.practice_file.write import practice_to_json as practice_to_json
from app.services.practice_file.write import write_practice_file as write_practice_file
