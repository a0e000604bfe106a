// The data's version (graph/data_version.py): moved on by every load that changes the graph.
// returns: version
OPTIONAL MATCH (v:DataVersion {id: 'data'})
RETURN v.version AS version
