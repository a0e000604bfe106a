// A policy and its versions, each with its label, publication date and the source holding its text.
// param policy: string - the policy's id
// example policy: anthropic-rsp
// returns: policy, name, version_id, version, published, text_source
MATCH (p {id: $policy}) WHERE p:Policy
OPTIONAL MATCH (v:PolicyVersion)-[:PART_OF]->(p)
RETURN p.id AS policy, p.name AS name, v.id AS version_id, v.version AS version, v.published AS published,
       v.text_source AS text_source
ORDER BY published, version_id
