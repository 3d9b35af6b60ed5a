"""One error base per layer: every exception class the domain, the store and the services define
derives from its layer's base (or from a lower layer's, which it refines), never straight from
Exception. The command line and the desktop tell the kinds apart by these bases: a rule broken by
the user's input is exit 2, the environment (a full disk) exit 3, anything else a bug.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

from app.domain.errors import DomainError
from app.services.errors import ServiceError
from app.store.errors import StoreError

# A layer's own base first; the bases of the layers below it may be refined too.
BASES: dict[str, tuple[type[Exception], ...]] = {
    "domain": (DomainError,),
    "store": (StoreError, DomainError),
    "services": (ServiceError, StoreError, DomainError),
}


def exception_classes(layer: str) -> list[type[BaseException]]:
    package = importlib.import_module(f"app.{layer}")
    found: list[type[BaseException]] = []
    for module_info in pkgutil.walk_packages(package.__path__, f"app.{layer}."):
        module = importlib.import_module(module_info.name)
        found += [
            member
            for _, member in inspect.getmembers(module, inspect.isclass)
            if issubclass(member, BaseException) and member.__module__ == module.__name__
        ]
    return found


@pytest.mark.parametrize("layer", sorted(BASES))
def test_every_error_a_layer_defines_derives_from_its_layer_s_base(layer: str) -> None:
    classes = exception_classes(layer)
    assert classes, f"app.{layer} defines no errors: the test looks in the wrong place"
    strays = [
        f"{cls.__module__}.{cls.__qualname__}({', '.join(base.__name__ for base in cls.__bases__)})"
        for cls in classes
        if not issubclass(cls, BASES[layer])
    ]
    assert strays == [], f"derive these from {BASES[layer][0].__name__} (app/{layer}): {strays}"


def test_the_three_bases_are_distinct_so_a_full_disk_is_never_bad_input() -> None:
    assert not issubclass(StoreError, DomainError) and not issubclass(DomainError, StoreError)
    assert not issubclass(ServiceError, (StoreError, DomainError))
