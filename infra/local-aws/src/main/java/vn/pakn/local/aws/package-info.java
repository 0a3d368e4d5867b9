/**
 * DynamoDB, SQS and S3 for running pakn off AWS, provisioned from template.yaml itself so that
 * the local stack cannot drift from the deployed one.
 *
 * <pre>{@code
 * try (LocalAwsServices services = LocalAwsServices.start(System.out::println)) {
 *     LocalDeployment deployment = Provisioner.provision(SamTemplate.load(), services, System.out::println);
 *     for (FunctionSpec function : deployment.template().functions()) {
 *         Map<String, String> env = deployment.functionEnvironment(function); // for the handler's constructor
 *     }
 *     String queueUrl = deployment.queueUrl("IntakeQueue");
 * }
 * }</pre>
 *
 * <p>Set {@code AWS_ENDPOINT_URL} (or {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code _SQS}, {@code _S3})
 * to use LocalStack or another server instead of the embedded ones.
 */
package vn.pakn.local.aws;
