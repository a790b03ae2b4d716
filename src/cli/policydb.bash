# bash completion for policydb (installed to share/bash-completion/completions).
_policydb() {
  local cur prev words cword
  _init_completion || return
  local commands="ingest export search show rules"
  local command="" w
  for w in "${words[@]:1:cword-1}"; do
    case "$w" in ingest|export|search|show|rules) command="$w"; break ;; esac
  done
  case "$prev" in
    --db) _filedir db; return ;;
    --rules) _filedir -d; return ;;
    --format) COMPREPLY=($(compgen -W "jsonl csv" -- "$cur")); return ;;
    --type)
      if [ "$command" = search ]; then
        COMPREPLY=($(compgen -W "clause target assignment deadline" -- "$cur"))
      else
        COMPREPLY=($(compgen -W "document target deadline assignment task clause v_documents v_targets v_assignments v_deadlines v_department_workload" -- "$cur"))
      fi
      return ;;
    --role) COMPREPLY=($(compgen -W "lead support responsible implement 牵头 配合 负责 落实" -- "$cur")); return ;;
  esac
  local common="-q --quiet -v --verbose --help"
  case "$command" in
    "") COMPREPLY=($(compgen -W "$commands --help --version -q -v" -- "$cur")) ;;
    ingest)
      if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "--db --rules --jobs --force --defer-index --max-bytes --max-pages --max-seconds --all-files --json $common" -- "$cur"))
      else
        _filedir
      fi ;;
    export) COMPREPLY=($(compgen -W "--db --format --type --bom $common" -- "$cur")) ;;
    search) COMPREPLY=($(compgen -W "--db --type --department --role --region --year --doc --limit --offset --json $common" -- "$cur")) ;;
    show) [[ "$cur" == -* ]] && COMPREPLY=($(compgen -W "--db $common" -- "$cur")) || _filedir ;;
    rules) COMPREPLY=($(compgen -W "check $common" -- "$cur")) ;;
  esac
}
complete -F _policydb policydb
