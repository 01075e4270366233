-- Issue 14 item 3: calls outlive the node that streamed them.
-- The lease of a live call is three columns of its call log: the node that streams it, that node's last heartbeat,
-- and how many times the call was taken over. Nodes renew all their calls' heartbeats in one UPDATE every
-- heartbeat; survivors claim lapsed leases with FOR UPDATE SKIP LOCKED (once each) to stream the call again or close
-- it. Leases are infrastructure, written only by the platform role (a node's heartbeat spans tenants).
-- media_generation is the stream generation that holds the call's media claim: a stream started again after its node
-- died carries the next generation in its signed token, claimed once; an earlier generation's token opens nothing.
alter table ethiq.call_logs
    add column media_generation   integer not null default 0,
    add column lease_node         text,
    add column lease_heartbeat_at timestamptz,
    add column lease_generation   integer not null default 0,
    add constraint call_logs_lease_node_format check (lease_node ~ '^[A-Za-z0-9._:@-]{1,100}$'),
    add constraint call_logs_lease_complete check ((lease_node is null) = (lease_heartbeat_at is null)),
    add constraint call_logs_generations_check check (media_generation >= 0 and lease_generation >= 0);

-- Only live calls carry a lease: a small partial index serves both the heartbeat (by node) and the sweep. The
-- heartbeat column itself is not indexed, so renewing it is a HOT update.
create index call_logs_lease_node on ethiq.call_logs (lease_node) where lease_node is not null;

grant update (media_generation) on ethiq.call_logs to ${app_role};
grant update (lease_node, lease_heartbeat_at, lease_generation) on ethiq.call_logs to ${platform_role};
