"""本案例库的 MkDocs 钩子：工作由 casebook 完成（casebook/adapters/mkdocs.py）。"""

from casebook.adapters.mkdocs import *  # noqa: F401,F403
