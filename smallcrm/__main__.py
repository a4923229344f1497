from smallcrm.cli import main

raise SystemExit(main())
