// Record the data's version after a load that changed the graph (in the load's transaction).
// param version: string - the new version (graph/data_version.py)
// returns:
MERGE (v:DataVersion {id: 'data'})
SET v.version = $version
