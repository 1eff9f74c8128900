-- A foreign agent's service user: the one account, besides agent administrators, that may report its calls.
alter table smartops_agent add column if not exists service_user varchar(64);
