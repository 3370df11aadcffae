/*
** work.c - `raingan work`: one worker of a shared batch, taking the files of
** the store's queue (`raingan queue add`) into the store until the queue is
** empty; as many as wanted run at once, on any number of machines
** (ingest/queue.h).
*/
#include "cli.h"

static const cli_command work = {
	"work",
	"raingan work --db STORE [options]\n",
	"Take files from the store's queue (filled by `raingan queue add`) and ingest\n"
	"them as `raingan ingest` does, a batch at a time, until no file is waiting and\n"
	"no other worker holds a claim.  Start any number of workers, on any number of\n"
	"machines that see the shared folder at the same path: each claims its own\n"
	"files.  A worker that dies (kill -9, a lost machine) leaves its claim, which\n"
	"another takes when the lease runs out; a file claimed 3 times and never\n"
	"finished is given up (`raingan failures`).  `raingan queue status` shows the\n"
	"progress.  A worker that finds the queue empty exits 0.  On SQLite the\n"
	"workers must share the machine (one file).\n",
	CLI_DB | CLI_JOBS | CLI_JSON | CLI_RULES | CLI_LIMITS | CLI_TIMEOUT | CLI_LEASE,
	"1: some files this worker took failed (listed by `raingan failures`).\n",
};

int cmd_work(int argc, char **argv)
{
	cli_opts o;
	int r = cli_parse(&work, argc, argv, &o), status;

	if (!r && o.n_args) {
		cli_say("work: unknown argument '%s' (the files come from `raingan queue add`)", o.args[0]);
		r = -1;
	}
	if (r) {
		cli_opts_free(&o);
		return r > 0 ? CLI_EXIT_OK : CLI_EXIT_FAILED;
	}
	o.work = 1;
	status = cli_ingest(&o, NULL);
	cli_opts_free(&o);
	return status;
}
