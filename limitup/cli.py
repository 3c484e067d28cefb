"""The `limitup` command line. Outputs that a program reads are JSON, one object per line.

Commands live beside the code they drive (limitup/commands/*.py) and are gathered here.
"""
from __future__ import annotations

import functools
import json
import sys

import click

from limitup.config import ConfigError
from limitup.errors import LimitupError
from limitup.money import AmountError
from limitup.rules import RulesError


def emit(obj) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, sort_keys=False))


def with_app(func):
    """Run the command inside an app context (config, migrated database, validated rules)."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from limitup import create_app
        app = create_app()
        with app.app_context():
            return func(*args, **kwargs)
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli():
    """limitup: certificate photos in, bounded credit-limit increases out."""


def _register_commands() -> None:
    from limitup.commands import (accounts, api, core, credentials, privacy, recognition,
                                  samples, worker)
    for module in (core, accounts, recognition, credentials, samples, api, worker, privacy):
        for command in module.COMMANDS:
            cli.add_command(command)


_register_commands()


def main(argv=None) -> None:
    try:
        cli.main(args=argv, prog_name="limitup", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except (LimitupError, RulesError, ConfigError, AmountError) as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # never a traceback at the user: name the failure, exit non-zero
        click.echo(f"Error: unexpected failure ({type(error).__name__}: {error})", err=True)
        sys.exit(70)
