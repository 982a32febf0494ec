// Bounded and unbounded buffers, capacity_bytes, fixed and maximum message sizes (SCENARIO_FORMAT.md,
// "Semantics"; docs/semantics.md, "Channels").
#include "semantics_fixture.hpp"

using namespace ipcsim;
using namespace ipcsim::test;

TEST_CASE("semantics: bounded capacity, send never waits while there is room and blocks when full") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 2}
processes:
  - {name: s, do: [{repeat: 3, do: [{send: {to: jobs, size: 64B}}]}]}
  - {name: r, do: [{repeat: 3, do: [{receive: {from: jobs}}]}]}
)");
  play(m, {{"s", {"s send_begin jobs #1 64B", "s send_end jobs #1 64B"}},
           {"s", {"s send_begin jobs #2 64B", "s send_end jobs #2 64B"}}});
  CHECK(m.status("s") == ProcStatus::ready);
  CHECK(m.buffered("jobs") == std::vector<std::uint32_t>{1, 2});
  CHECK(m.chan("jobs").bytes == 128);

  CHECK(m.fire("s") == Lines{"s send_begin jobs #3 64B", "s block jobs"});
  CHECK(m.status("s") == ProcStatus::blocked);
  CHECK(m.waiting_senders("jobs") == Lines{"s"});
  CHECK(m.buffered("jobs") == std::vector<std::uint32_t>{1, 2});

  // The receive frees a slot: the waiting sender is accepted (buffered, so no peer) and resumes.
  CHECK(m.fire("r") == Lines{"r recv_begin jobs", "r recv_end jobs #1 64B peer=s", "s send_end jobs #3 64B",
                             "s unblock jobs", "s exit"});
  CHECK(m.buffered("jobs") == std::vector<std::uint32_t>{2, 3});
  CHECK(m.chan("jobs").senders.empty());
  play(m, {{"r", {"r recv_begin jobs", "r recv_end jobs #2 64B peer=s"}},
           {"r", {"r recv_begin jobs", "r recv_end jobs #3 64B peer=s", "r exit"}}});
  CHECK(m.chan("jobs") == ChannelState{});
}

TEST_CASE("semantics: bounded capacity admits waiting senders in the order they started to wait") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 1}
processes:
  - {name: a, do: [{send: {to: jobs}}]}
  - {name: b, do: [{send: {to: jobs}}]}
  - {name: c, do: [{send: {to: jobs}}]}
  - {name: r, do: [{repeat: 3, do: [{receive: {from: jobs}}]}]}
)");
  play(m, {{"a", {"a send_begin jobs #1", "a send_end jobs #1", "a exit"}},
           {"c", {"c send_begin jobs #2", "c block jobs"}},
           {"b", {"b send_begin jobs #3", "b block jobs"}}});
  CHECK(m.waiting_senders("jobs") == Lines{"c", "b"});
  play(m, {{"r", {"r recv_begin jobs", "r recv_end jobs #1 peer=a", "c send_end jobs #2", "c unblock jobs", "c exit"}}});
  CHECK(m.waiting_senders("jobs") == Lines{"b"});
  CHECK(m.buffered("jobs") == std::vector<std::uint32_t>{2});
  play(m, {{"r", {"r recv_begin jobs", "r recv_end jobs #2 peer=c", "b send_end jobs #3", "b unblock jobs", "b exit"}},
           {"r", {"r recv_begin jobs", "r recv_end jobs #3 peer=b", "r exit"}}});
}

TEST_CASE("semantics: a send to a buffered channel goes straight to a receiver already waiting") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 2}
processes:
  - {name: s, do: [{send: {to: jobs, size: 4B}}]}
  - {name: r, do: [{receive: {from: jobs}}]}
)");
  CHECK(m.fire("r") == Lines{"r recv_begin jobs", "r block jobs"});
  CHECK(m.fire("s") == Lines{"s send_begin jobs #1 4B", "s send_end jobs #1 4B peer=r", "r recv_end jobs #1 4B peer=s",
                             "r unblock jobs", "r exit", "s exit"});
  CHECK(m.chan("jobs") == ChannelState{});
}

TEST_CASE("semantics: unbounded capacity never blocks a sender and keeps FIFO order") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: unbounded}
processes:
  - {name: s, do: [{repeat: 100, do: [{send: {to: jobs, size: 1KiB}}]}]}
  - {name: r, do: [{repeat: 100, do: [{receive: {from: jobs}}]}]}
)");
  CHECK_FALSE(m.model().channels[m.channel("jobs")].capacity.has_value());
  for (int k = 1; k <= 100; ++k) {
    std::string id = std::to_string(k);
    Lines expected{"s send_begin jobs #" + id + " 1024B", "s send_end jobs #" + id + " 1024B"};
    if (k == 100)
      expected.push_back("s exit");
    REQUIRE(m.fire("s") == expected);
  }
  CHECK(m.chan("jobs").buffer.size() == 100);
  CHECK(m.chan("jobs").bytes == 100 * 1024);
  for (int k = 1; k <= 100; ++k) {
    std::string id = std::to_string(k);
    Lines expected{"r recv_begin jobs", "r recv_end jobs #" + id + " 1024B peer=s"};
    if (k == 100)
      expected.push_back("r exit");
    REQUIRE(m.fire("r") == expected);
  }
}

TEST_CASE("semantics: capacity_bytes blocks a sender early although slots remain") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: records, capacity: 8, capacity_bytes: 2KiB, message_size: {max: 1KiB}}
processes:
  - name: w
    do:
      - send: {to: records, size: 1KiB}
      - send: {to: records, size: 1KiB}
      - send: {to: records, size: 64B}
  - {name: r, do: [{repeat: 3, do: [{receive: {from: records}}]}]}
)");
  play(m, {{"w", {"w send_begin records #1 1024B", "w send_end records #1 1024B"}},
           {"w", {"w send_begin records #2 1024B", "w send_end records #2 1024B"}},
           {"w", {"w send_begin records #3 64B", "w block records"}}});
  CHECK(m.chan("records").buffer.size() == 2);
  CHECK(m.chan("records").bytes == 2048);
  CHECK(m.fire("r") == Lines{"r recv_begin records", "r recv_end records #1 1024B peer=w", "w send_end records #3 64B",
                             "w unblock records", "w exit"});
  CHECK(m.chan("records").bytes == 1024 + 64);
}

TEST_CASE("semantics: a small message does not overtake a large one waiting for bytes (FIFO of senders)") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 8, capacity_bytes: 100B}
processes:
  - {name: a, do: [{send: {to: jobs, size: 60B}}]}
  - {name: b, do: [{send: {to: jobs, size: 60B}}]}
  - {name: c, do: [{send: {to: jobs, size: 10B}}]}
  - {name: r, do: [{repeat: 3, do: [{receive: {from: jobs}}]}]}
)");
  play(m, {{"a", {"a send_begin jobs #1 60B", "a send_end jobs #1 60B", "a exit"}},
           {"b", {"b send_begin jobs #2 60B", "b block jobs"}},
           // 60 + 10 <= 100 bytes, but b waits first: c must queue behind it.
           {"c", {"c send_begin jobs #3 10B", "c block jobs"}}});
  CHECK(m.waiting_senders("jobs") == Lines{"b", "c"});
  CHECK(m.buffered("jobs") == std::vector<std::uint32_t>{1});
  CHECK(m.fire("r") == Lines{"r recv_begin jobs", "r recv_end jobs #1 60B peer=a", "b send_end jobs #2 60B",
                             "b unblock jobs", "b exit", "c send_end jobs #3 10B", "c unblock jobs", "c exit"});
  CHECK(m.buffered("jobs") == std::vector<std::uint32_t>{2, 3});
  CHECK(m.chan("jobs").bytes == 70);
}

TEST_CASE("semantics: a message larger than capacity_bytes is an invalid operation, not a block forever") {
  auto capacity = GENERATE(as<std::string>{}, "8", "unbounded");
  INFO("capacity " << capacity);
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: )" + capacity + R"(, capacity_bytes: 100B}
processes:
  - {name: s, do: [{send: {to: jobs, size: 200B}}, {compute: 1ms}]}
)");
  CHECK(m.fire("s") ==
        Lines{"s send_begin jobs #1 200B", "s invalid: message of 200 B can never fit in jobs (capacity_bytes 100 B)"});
  CHECK(m.status("s") == ProcStatus::failed);
  CHECK(m.chan("jobs") == ChannelState{});
  CHECK(m.enabled().empty());
  CHECK(m.semantics().finished(m.state));
}

TEST_CASE("semantics: fixed message_size pads every smaller send to the fixed size") {
  struct Row {
    std::string size;   // the send's size key ("" for none)
    Lines events;
  };
  auto row = GENERATE(
      Row{"", {"s send_begin jobs #1 256B", "s send_end jobs #1 256B", "s exit"}},
      Row{", size: 100B", {"s send_begin jobs #1 256B", "s send_end jobs #1 256B", "s exit"}},
      Row{", size: 0", {"s send_begin jobs #1 256B", "s send_end jobs #1 256B", "s exit"}},
      Row{", size: 256B", {"s send_begin jobs #1 256B", "s send_end jobs #1 256B", "s exit"}});
  INFO("send" << row.size);
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 4, message_size: 256B}
processes:
  - {name: s, do: [{send: {to: jobs)" + row.size + R"(}}]}
)");
  CHECK(m.fire("s") == row.events);
  CHECK(m.status("s") == ProcStatus::ended);
  CHECK(m.chan("jobs").bytes == 256);
  CHECK(m.chan("jobs").buffer.at(0).size == 256);
}

TEST_CASE("semantics: a send larger than the fixed message_size is an invalid operation") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 4, message_size: 256B}
processes:
  - {name: s, do: [{send: {to: jobs, size: 257B}}]}
)");
  Lines events = m.fire("s");
  REQUIRE(events.size() == 2);
  CHECK(events[1] == "s invalid: message of 257 B is larger than the fixed message size of jobs (256 B)");
  CHECK(m.status("s") == ProcStatus::failed);
  CHECK(m.chan("jobs") == ChannelState{});
}

// Only a smaller send is padded (docs/semantics.md); the trace's send_begin of a 257 B send says 256 B, the
// size of the fixed slot, not of the message that the invalid event then describes as 257 B.
TEST_CASE("semantics: send_begin of an oversized send to a fixed-size channel records the size sent") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 4, message_size: 256B}
processes:
  - {name: s, do: [{send: {to: jobs, size: 257B}}]}
)");
  CHECK(m.fire("s").at(0) == "s send_begin jobs #1 257B");
}

TEST_CASE("semantics: message_size max keeps sizes as sent and rejects larger ones") {
  struct Row {
    std::string size;
    Lines events;
  };
  auto row = GENERATE(
      Row{"10B", {"s send_begin jobs #1 10B", "s send_end jobs #1 10B", "s exit"}},
      Row{"1KiB", {"s send_begin jobs #1 1024B", "s send_end jobs #1 1024B", "s exit"}},
      Row{"1025B",
          {"s send_begin jobs #1 1025B", "s invalid: message of 1025 B is larger than the maximum message size of jobs (1024 B)"}});
  INFO("size " << row.size);
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: unbounded, message_size: {max: 1KiB}}
processes:
  - {name: s, do: [{send: {to: jobs, size: )" + row.size + R"(}}]}
)");
  CHECK(m.fire("s") == row.events);
}

TEST_CASE("semantics: a too-large message is invalid at capacity 0 too, before any rendezvous") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 0, message_size: {max: 64B}}
processes:
  - {name: s, do: [{send: {to: jobs, size: 65B}}]}
  - {name: r, do: [{receive: {from: jobs}}]}
)");
  m.fire("r");
  CHECK(m.fire("s") ==
        Lines{"s send_begin jobs #1 65B", "s invalid: message of 65 B is larger than the maximum message size of jobs (64 B)"});
  CHECK(m.status("s") == ProcStatus::failed);
  CHECK(m.status("r") == ProcStatus::blocked);
  CHECK(m.waiting_receivers("jobs") == Lines{"r"});
}

// docs/semantics.md: a padded message "occupies, and counts as, the fixed size", and "a message larger than a
// channel's capacity_bytes can never be accepted: the send is an invalid operation rather than a silent block
// forever". A 100 B send padded to 256 B can never fit in 200 B.
TEST_CASE("semantics: a padded message that can never fit in capacity_bytes is an invalid operation") {
  Machine m(R"(
scenario: t
channels:
  - {mailbox: jobs, capacity: 4, capacity_bytes: 200B, message_size: 256B}
processes:
  - {name: s, do: [{send: {to: jobs, size: 100B}}]}
)");
  Lines events = m.fire("s");
  REQUIRE(events.size() == 2);
  CHECK(events[0] == "s send_begin jobs #1 256B");
  CHECK(events[1].rfind("s invalid: ", 0) == 0);
  CHECK(m.status("s") == ProcStatus::failed);
}
