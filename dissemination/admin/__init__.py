"""The results pages' admin screens: "Compile now" (``compile``) and "Downloads"
(``downloads``), registered in ``dissemination.wagtail_hooks`` for those
``dissemination.permissions`` lets in."""
