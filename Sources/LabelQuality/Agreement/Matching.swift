/// One-to-one matchings between two lists: the assignment of largest total weight (Hungarian
/// algorithm, as scipy's `linear_sum_assignment` finds), and the largest number of pairs.
public enum Matching {
    /// The pairs (row, column) of an assignment maximising the sum of `weight` over pairs whose
    /// weight is not nil; nil weights are never paired.
    public static func maximumWeight(rows allRows: Int, columns allColumns: Int, weight: (Int, Int) -> Double?) -> [(Int, Int)] {
        // Rows and columns with no allowed pair take no part: boxes that overlap nothing make
        // most of a picture's matrix, and the algorithm is cubic in its size.
        var table: [[Double?]] = (0..<allRows).map { row in (0..<allColumns).map { weight(row, $0) } }
        let rowIndex = (0..<allRows).filter { row in table[row].contains { $0 != nil } }
        let columnIndex = (0..<allColumns).filter { column in rowIndex.contains { table[$0][column] != nil } }
        table = rowIndex.map { row in columnIndex.map { table[row][$0] } }
        let rows = rowIndex.count, columns = columnIndex.count
        guard rows > 0, columns > 0 else { return [] }
        // One allowed pair per row and column: nothing to choose.
        if rows == 1 && columns == 1 { return [(rowIndex[0], columnIndex[0])] }
        let size = max(rows, columns)
        // Costs for a minimising square assignment: forbidden and padding cells cost nothing
        // gained (0), allowed ones −weight; forbidden pairs found in the result are dropped.
        var cost = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
        var allowed = [[Bool]](repeating: [Bool](repeating: false, count: size), count: size)
        for row in 0..<rows {
            for column in 0..<columns {
                if let value = table[row][column] {
                    cost[row][column] = -value
                    allowed[row][column] = true
                }
            }
        }
        let assignment = hungarian(cost)
        return (0..<rows).compactMap { row in
            let column = assignment[row]
            return column < columns && allowed[row][column] ? (rowIndex[row], columnIndex[column]) : nil
        }
    }

    /// The column assigned to each row of a square cost matrix, minimising the total
    /// (Kuhn–Munkres with potentials, O(n³)).
    static func hungarian(_ cost: [[Double]]) -> [Int] {
        let n = cost.count
        var u = [Double](repeating: 0, count: n + 1), v = [Double](repeating: 0, count: n + 1)
        var owner = [Int](repeating: 0, count: n + 1), way = [Int](repeating: 0, count: n + 1)
        for row in 1...n {
            owner[0] = row
            var column0 = 0
            var smallest = [Double](repeating: .infinity, count: n + 1)
            var used = [Bool](repeating: false, count: n + 1)
            repeat {
                used[column0] = true
                let row0 = owner[column0]
                var delta = Double.infinity, column1 = 0
                for column in 1...n where !used[column] {
                    let reduced = cost[row0 - 1][column - 1] - u[row0] - v[column]
                    if reduced < smallest[column] {
                        smallest[column] = reduced
                        way[column] = column0
                    }
                    if smallest[column] < delta {
                        delta = smallest[column]
                        column1 = column
                    }
                }
                for column in 0...n {
                    if used[column] {
                        u[owner[column]] += delta
                        v[column] -= delta
                    } else {
                        smallest[column] -= delta
                    }
                }
                column0 = column1
            } while owner[column0] != 0
            repeat {
                let column1 = way[column0]
                owner[column0] = owner[column1]
                column0 = column1
            } while column0 != 0
        }
        var result = [Int](repeating: 0, count: n)
        for column in 1...n where owner[column] > 0 { result[owner[column] - 1] = column - 1 }
        return result
    }

    /// The largest number of one-to-one pairs among those `linked` allows (augmenting paths).
    public static func maximumCount(rows: Int, columns: Int, linked: (Int, Int) -> Bool) -> Int {
        var links = [[Int]](repeating: [], count: rows)
        for row in 0..<rows { for column in 0..<columns where linked(row, column) { links[row].append(column) } }
        var owner = [Int](repeating: -1, count: columns)
        func augment(_ row: Int, _ seen: inout [Bool]) -> Bool {
            for column in links[row] where !seen[column] {
                seen[column] = true
                if owner[column] < 0 || augment(owner[column], &seen) {
                    owner[column] = row
                    return true
                }
            }
            return false
        }
        var count = 0
        for row in 0..<rows {
            var seen = [Bool](repeating: false, count: columns)
            if augment(row, &seen) { count += 1 }
        }
        return count
    }
}
