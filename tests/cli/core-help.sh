# Help comes from the command table: the list, one command, --help, the man page, completion.
run hipcoach help
run hipcoach help plan
run hipcoach plan --help
run hipcoach help nosuch
hipcoach help --man | grep -c '^\.SS'
hipcoach help --man | head -3
hipcoach help --bash-completion | bash -n && echo "completion parses"
run hipcoach --version
