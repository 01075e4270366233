-- Issue 14: the media token's single use on the cluster needs no table of its own. A token names its call and stream
-- generation, and the call log's stream claim (media_generation, V86, claimed once per generation and never for a
-- call that is over) already lets each token open a stream once on the whole cluster; each node also remembers the
-- tokens it used. The table V88 added for it recorded the same fact a second time, on every media start.
drop table ethiq.media_token_uses;
