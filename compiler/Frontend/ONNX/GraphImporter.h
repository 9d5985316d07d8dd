// Internal: builds nn ops from an ONNX graph, node by node.
#ifndef EECC_FRONTEND_ONNX_GRAPHIMPORTER_H
#define EECC_FRONTEND_ONNX_GRAPHIMPORTER_H

#include "TensorData.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringMap.h"

#include <onnx/onnx_pb.h>

namespace eecc::onnx_frontend {

/// "[1, 3, 32, 32]": a shape as diagnostics print it.
std::string shapeText(llvm::ArrayRef<int64_t> shape);

/// Imports the nodes of one (already checked and shape-inferred) graph into the
/// body of a func.func. Diagnostics are emitted at the node's location; the caller
/// prefixes them with the node's name and op type.
class GraphImporter {
public:
  GraphImporter(mlir::MLIRContext &context, llvm::StringRef path, llvm::StringRef modelDirectory,
                int64_t opset)
      : context(context), builder(&context), path(path), modelDirectory(modelDirectory),
        opset(opset) {}

  /// Builds `func.func @name` from `graph`; null on error.
  mlir::func::FuncOp importGraph(const onnx::GraphProto &graph, llvm::StringRef name,
                                 mlir::ModuleOp module);

private:
  // Graph-level steps (GraphImporter.cpp).
  mlir::LogicalResult collectInitializers(const onnx::GraphProto &graph);
  mlir::LogicalResult declareInputs(const onnx::GraphProto &graph,
                                    llvm::SmallVectorImpl<mlir::Type> &types,
                                    llvm::SmallVectorImpl<std::string> &names);
  using NodeHandler = mlir::LogicalResult (GraphImporter::*)(const onnx::NodeProto &);
  mlir::LogicalResult importNode(const onnx::NodeProto &node);
  /// Runs the op's handler, then checks its outputs against ONNX shape inference.
  mlir::LogicalResult importChecked(const onnx::NodeProto &node, NodeHandler handler);
  mlir::LogicalResult checkInferredShape(const onnx::NodeProto &node, llvm::StringRef name,
                                         mlir::Value value);
  mlir::Location nodeLocation(const onnx::NodeProto &node, int index);
  mlir::Location graphLocation();

  // Operand access.
  mlir::Value input(const onnx::NodeProto &node, int index); // required float tensor
  mlir::Value optionalInput(const onnx::NodeProto &node, int index);
  const TensorData *constantInput(const onnx::NodeProto &node, int index);
  /// An arith.constant holding `data`; a graph value (initializer, Constant output)
  /// is remembered under its name, a derived weight (transposed, scaled) is not.
  mlir::Value materialize(llvm::StringRef name, const TensorData &data, bool isGraphValue = false);
  void define(const onnx::NodeProto &node, int index, mlir::Value value);
  mlir::LogicalResult onlyFirstOutputUsed(const onnx::NodeProto &node);

  // Per-operator handlers (NodeImporters.cpp).
  mlir::LogicalResult importConv(const onnx::NodeProto &node);
  mlir::LogicalResult importGemm(const onnx::NodeProto &node);
  mlir::LogicalResult importMatMul(const onnx::NodeProto &node);
  mlir::LogicalResult importActivation(const onnx::NodeProto &node);
  mlir::LogicalResult importClip(const onnx::NodeProto &node);
  mlir::LogicalResult importPool(const onnx::NodeProto &node);
  mlir::LogicalResult importGlobalAveragePool(const onnx::NodeProto &node);
  mlir::LogicalResult importBinary(const onnx::NodeProto &node);
  mlir::LogicalResult importHardActivation(const onnx::NodeProto &node);
  mlir::LogicalResult importSplit(const onnx::NodeProto &node);
  mlir::LogicalResult importBatchNorm(const onnx::NodeProto &node);
  mlir::LogicalResult importLRN(const onnx::NodeProto &node);
  mlir::LogicalResult importPassThrough(const onnx::NodeProto &node);
  mlir::LogicalResult importTranspose(const onnx::NodeProto &node);
  mlir::LogicalResult importFlatten(const onnx::NodeProto &node);
  mlir::LogicalResult importReshape(const onnx::NodeProto &node);
  mlir::LogicalResult importSqueeze(const onnx::NodeProto &node);
  mlir::LogicalResult importReduceMean(const onnx::NodeProto &node);
  mlir::LogicalResult importPad(const onnx::NodeProto &node);
  mlir::LogicalResult importConcat(const onnx::NodeProto &node);
  mlir::LogicalResult importSoftmax(const onnx::NodeProto &node);
  mlir::LogicalResult importConstant(const onnx::NodeProto &node);

  /// Builds an op whose result type its shape inference computes; null (after a
  /// diagnostic) when the operands or attributes are inconsistent.
  template <typename OpTy>
  mlir::Value createInferred(mlir::ValueRange operands,
                             llvm::ArrayRef<mlir::NamedAttribute> attributes);
  /// Runs the op's verifier, then defines the node's output 0 as its result.
  template <typename OpTy>
  mlir::LogicalResult defineVerified(const onnx::NodeProto &node, OpTy op) {
    if (mlir::failed(op.verify()))
      return mlir::failure();
    define(node, 0, op->getResult(0));
    return mlir::success();
  }
  /// createInferred, then defines the node's output 0 as the result.
  template <typename OpTy>
  mlir::LogicalResult defineInferred(const onnx::NodeProto &node, mlir::ValueRange operands,
                                     llvm::ArrayRef<mlir::NamedAttribute> attributes = {}) {
    mlir::Value result = createInferred<OpTy>(operands, attributes);
    if (!result)
      return mlir::failure();
    define(node, 0, result);
    return mlir::success();
  }

  mlir::MLIRContext &context;
  mlir::OpBuilder builder;
  std::string path;
  std::string modelDirectory;
  int64_t opset;
  mlir::Location currentLoc = mlir::UnknownLoc::get(&context);
  llvm::StringMap<mlir::Value> values;          // float tensors
  llvm::StringMap<TensorData> constants;        // initializers and Constant outputs
  llvm::StringMap<const onnx::NodeProto *> consumersOf; // any live consumer, by value name
  llvm::StringMap<llvm::SmallVector<int64_t, 4>> inferredShapes; // from ONNX shape inference
};

namespace detail {
template <typename T, typename = void>
struct HasProperties : std::false_type {};
template <typename T>
struct HasProperties<T, std::void_t<typename T::Properties>> : std::true_type {};
} // namespace detail

template <typename OpTy>
mlir::Value GraphImporter::createInferred(mlir::ValueRange operands,
                                          llvm::ArrayRef<mlir::NamedAttribute> attributes) {
  auto dictionary = mlir::DictionaryAttr::get(&context, attributes);
  llvm::SmallVector<mlir::Type, 1> types;
  if constexpr (detail::HasProperties<OpTy>::value) {
    typename OpTy::Properties properties;
    if (mlir::failed(OpTy::setPropertiesFromAttr(properties, dictionary,
                                                 [&] { return mlir::emitError(currentLoc); })))
      return {};
    typename OpTy::Adaptor adaptor(operands, dictionary, properties, {});
    if (mlir::failed(OpTy::inferReturnTypes(&context, currentLoc, adaptor, types)))
      return {};
  } else {
    typename OpTy::Adaptor adaptor(operands, dictionary);
    if (mlir::failed(OpTy::inferReturnTypes(&context, currentLoc, adaptor, types)))
      return {};
  }
  return builder.create<OpTy>(currentLoc, types, operands, attributes)->getResult(0);
}

} // namespace eecc::onnx_frontend

#endif // EECC_FRONTEND_ONNX_GRAPHIMPORTER_H
