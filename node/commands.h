/* Entry points of the commands, one per node/cmd_*.c file. */
#ifndef RX_NODE_COMMANDS_H
#define RX_NODE_COMMANDS_H

#include "node/node.h"

int rx_cmd_policy(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_init(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_identity(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_enroll(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_join(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_revoke(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_passwd(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_allowed_signers(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_status(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_remote(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_sync(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_hub_hook(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_hub(const rx_opts *o, int argc, char **argv, rx_error *err);
/* hub setup | hub check (cmd_hub_setup.c), reached through rx_cmd_hub */
int rx_cmd_hub_serve(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_checkpoint(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_bench(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_demo(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_import(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_add(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_list(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_show(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_confirm(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_due(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_audit(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_verify(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_stats(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_print(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_leave(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_delete(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_inbox(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_report(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_transfer(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_restore(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_backup(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_dump(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_accept(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_ui(const rx_opts *o, int argc, char **argv, rx_error *err);
int rx_cmd_version(const rx_opts *o, int argc, char **argv, rx_error *err);

/* `add TYPE --help`: the fields of TYPE, their Chinese names and values. 0, or RX_EUSAGE for an unknown type. */
int rx_node_add_help(FILE *f, const char *type, rx_error *err);

#endif
