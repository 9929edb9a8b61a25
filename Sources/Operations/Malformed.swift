/// What is wrong with one value of a document; ``OpenAPIDocumentReader`` adds where the value is.
struct Malformed: Error {
    let problem: String
}
