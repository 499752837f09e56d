# Bash completion: sourced, driven as bash drives it (COMP_WORDS, COMP_CWORD), and what it offers.
mkdir -p files/runs && cd files || exit 1
hipcoach help --bash-completion > completion.bash
touch runs/morning.fit runs/long.gpx notes.txt
bash <<'BASH'
. ./completion.bash
complete -p hipcoach
# comp WORD...: completes the last word of "hipcoach WORD..." and prints what is offered.
comp() {
	COMP_WORDS=(hipcoach "$@")
	COMP_CWORD=$#
	COMP_LINE="hipcoach $*"
	COMPREPLY=()
	_hipcoach
	printf '$ hipcoach %s<TAB>\n' "$*"
	if [ ${#COMPREPLY[@]} -eq 0 ]; then
		echo '  (nothing)'
	else
		printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | sed 's/^/  /'
	fi
}
comp hi
comp ex
comp --d
comp --db ''
comp export ''
comp export i
comp export ics ''
comp export -o r
comp export ics --session ''
comp start s
comp start strength --exercise cla
comp show cla
comp show small
comp show clamshell ''
comp --db x.db show cl
comp setup --level ''
comp setup --units mi
comp setup --lev
comp history --
comp import ''
comp import runs/
comp help his
comp plan --from ''
BASH
