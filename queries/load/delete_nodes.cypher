// Delete nodes by id, with any statement still attached to them (the data no longer declares them).
// param ids: list - node ids
// returns:
UNWIND $ids AS id
MATCH (n {id: id})
WHERE n:Entity
DETACH DELETE n
