"""Every translatable string is in its app's Spanish catalogue, translated, and compiled."""

import pytest

from ayni.core.i18n_catalogues import app_dirs, catalogue_problems


@pytest.mark.parametrize("app_dir", app_dirs(), ids=lambda path: path.name)
def test_the_catalogue_is_complete_translated_and_compiled(app_dir):
    problems = catalogue_problems(app_dir)
    assert not problems, "Run `make messages`, translate, and commit:\n" + "\n".join(problems[:40])
