/*
 * Promela model of ipcsim scenario promela-small (test.yaml),
 * written by `ipcsim export promela`. Parameters: N=2.
 *
 * Check it with SPIN 6.5.2 (a deadlock shows as "invalid end state"):
 *   spin -a promela-small.pml && gcc -O2 -DSAFETY -o pan pan.c && ./pan -m1000000
 * Only deadlock is exported: the scenario's property lost_messages is not checked here.
 *
 * Names. Promela identifiers keep letters, digits and '_'; any other character becomes '_' and
 * a replica index phil[2] becomes phil_2. A prefix keeps the kinds apart and clear of keywords: p_
 * process, m_ mailbox, l_ one direction of a link, t_ tag (no_tag: untagged). A name that still
 * clashes gets _2, _3, ...; n0, n1, ... are a process's repeat counters.
 *   process worker[0]            p_worker_0
 *   process worker[1]            p_worker_1
 *   process hub                  p_hub (server: true)
 *   process logger               p_logger
 *   mailbox jobs                 m_jobs, capacity 1
 *   mailbox log                  m_log, unbounded: 4 slots, as many as messages may be sent to it
 *   mailbox spare                no step uses it: left out
 *   link worker[0]->hub          l_worker_0_to_hub, capacity 0 (rendezvous)
 *   link worker[1]->hub          l_worker_1_to_hub, capacity 0 (rendezvous)
 *   tag ACQ                      t_ACQ
 *
 * Mapping.
 * - A message is its tag, one mtype field: no exported step depends on its size or sender.
 * - Capacity N is a channel of N slots, capacity 0 a rendezvous channel [0]. An unbounded channel gets as
 *   many slots as messages may ever be sent to it, so that its sends never block either.
 * - A receive takes the oldest message it wants: c?_ takes the head of the channel; a tagged receive
 *   c??t_X takes the oldest message with that tag and leaves the others in place (c?t_X at a rendezvous).
 *   A receive from any is an if over the links into the process: every link that can deliver is explored.
 * - A non-blocking operation is atomic { nfull(c) -> c!m } or atomic { nempty(c) -> c?_ } (a poll c??[t_X]
 *   for a tag) against else, so that it tests and acts in one step, as in ipcsim.
 * - compute and sleep are skip (time-free, like ipcsim's checker). repeat N counts a local down in a do
 *   loop; forever is a do without exit; choose is an if whose options all start with true, so that the
 *   branch is chosen before its first step is tried.
 * - Deadlock. A process that has ended is a valid end state for SPIN, and so is a server: true process at
 *   one of its blocking receives (end labels); a process stuck anywhere else is an invalid end state, as it
 *   is a deadlock for ipcsim. SPIN sees only states in which no process can move, while ipcsim also reports
 *   processes blocked forever while others run. They agree because every loop here ends (a forever loop is
 *   exported only when each iteration takes a message that finitely many sends provide): every run is
 *   finite, so a partial deadlock always leads to a state in which nothing can move.
 *
 * States. SPIN's state counts differ from ipcsim's, its verdicts do not. ipcsim makes blocking a step of its
 * own (the process joins the channel's FIFO of waiting senders or receivers), admits blocked senders in that
 * order and hands a message straight to a waiting receiver. A SPIN process just waits at a statement that
 * is not executable, a buffered channel is a plain FIFO queue (a message for a waiting receiver is buffered,
 * then received: two steps), and a loop's counter updates are steps of their own.
 */

mtype = { no_tag, t_ACQ };

chan m_jobs = [1] of { mtype };
chan m_log = [4] of { mtype };
chan l_worker_0_to_hub = [0] of { mtype };
chan l_worker_1_to_hub = [0] of { mtype };

/* worker[0] (line 8) */
active proctype p_worker_0()
{
    byte n0;                                    /* line 11: repeat counter */
    n0 = 2;                                     /* line 11: repeat */
    do
    :: n0 > 0 ->
       n0--;
       if                                       /* line 13: choose */
       :: true ->
          m_jobs!t_ACQ                          /* line 14: send */
       :: true ->
          if                                    /* line 15: non-blocking send */
          :: atomic { nfull(m_log) -> m_log!no_tag }
          :: else ->
             skip                               /* line 15: sleep */
          fi
       fi
    :: else ->
       break
    od;
    l_worker_0_to_hub!no_tag                    /* line 16: send */
}

/* worker[1] (line 8) */
active proctype p_worker_1()
{
    byte n0;                                    /* line 11: repeat counter */
    n0 = 2;                                     /* line 11: repeat */
    do
    :: n0 > 0 ->
       n0--;
       if                                       /* line 13: choose */
       :: true ->
          m_jobs!t_ACQ                          /* line 14: send */
       :: true ->
          if                                    /* line 15: non-blocking send */
          :: atomic { nfull(m_log) -> m_log!no_tag }
          :: else ->
             skip                               /* line 15: sleep */
          fi
       fi
    :: else ->
       break
    od;
    l_worker_1_to_hub!no_tag                    /* line 16: send */
}

/* hub (line 17), server: its blocking receives are valid end states */
active proctype p_hub()
{
    end0: do                                    /* line 20: forever */
    :: if                                       /* line 21: receive from any */
       :: l_worker_0_to_hub?_
       :: l_worker_1_to_hub?_
       fi;
       if                                       /* line 22: non-blocking receive */
       :: atomic { m_jobs??[t_ACQ] -> m_jobs??t_ACQ }
       :: else
       fi
    od
}

/* logger (line 23) */
active proctype p_logger()
{
    m_log?_;                                    /* line 25: receive */
    skip                                        /* line 26: compute */
}
